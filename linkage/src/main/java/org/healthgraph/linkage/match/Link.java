package org.healthgraph.linkage.match;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decided link between a left and a right record.
 *
 * @param leftId left record id
 * @param rightId right record id
 * @param probability match probability (1 for exact-tier links)
 * @param weight total match weight, prior included (log2 odds)
 * @param contributions per-field contributions to the weight, in configuration order (empty for tier links)
 * @param method {@code fellegi-sunter} or the tier that found an exact-match link ({@code tiers:<dropped field>})
 * @param clusterId in cluster mode, the stable id of the cluster holding both records
 */
public record Link(String leftId, String rightId, double probability, double weight, List<Double> contributions,
                   String method, Optional<String> clusterId) {

    public Link {
        Objects.requireNonNull(leftId, "leftId");
        Objects.requireNonNull(rightId, "rightId");
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(method, "method");
        clusterId = clusterId == null ? Optional.empty() : clusterId;
    }

    /** The pair as an id pair (for evaluation). */
    public Evaluation.Pair pair() {
        return new Evaluation.Pair(leftId, rightId);
    }
}

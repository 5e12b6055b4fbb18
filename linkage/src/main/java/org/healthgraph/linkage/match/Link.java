package org.healthgraph.linkage.match;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A decided link between a left and a right record.
 *
 * @param leftId left record id
 * @param rightId right record id
 * @param probability the pair's own match probability, as if the pair were alone (1 for exact-tier and direct links)
 * @param weight the pair's match weight, prior included (log2 odds)
 * @param contributions per-field contributions to the weight, in configuration order (empty for tier links)
 * @param method {@code fellegi-sunter} or the tier that found an exact-match link ({@code tiers:<dropped field>})
 * @param clusterId in cluster mode, the stable id of the cluster holding both records
 * @param recordProbability in a linkage of two files, the record-level probability: the left
 *     record's posterior that this right record is its counterpart, given its other candidates and
 *     the chance that it has none (docs/linkage.md, Record-level decisions)
 */
public record Link(String leftId, String rightId, double probability, double weight, List<Double> contributions,
                   String method, Optional<String> clusterId, OptionalDouble recordProbability) {

    public Link {
        Objects.requireNonNull(leftId, "leftId");
        Objects.requireNonNull(rightId, "rightId");
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(method, "method");
        clusterId = clusterId == null ? Optional.empty() : clusterId;
        recordProbability = recordProbability == null ? OptionalDouble.empty() : recordProbability;
    }

    /** A link without a record-level probability. */
    public Link(String leftId, String rightId, double probability, double weight, List<Double> contributions,
                String method, Optional<String> clusterId) {
        this(leftId, rightId, probability, weight, contributions, method, clusterId, OptionalDouble.empty());
    }

    /** The probability the decision used: the record-level one when there is one, the pair's otherwise. */
    public double decisionProbability() {
        return recordProbability.orElse(probability);
    }

    /** The pair as an id pair (for evaluation). */
    public Evaluation.Pair pair() {
        return new Evaluation.Pair(leftId, rightId);
    }
}

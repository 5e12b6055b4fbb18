package org.healthgraph.linkage.store;

import org.healthgraph.linkage.match.LinkageException;

/**
 * Which pairs of a run a page holds: decision probability in {@code [minProbability, maxProbability]},
 * and only those of the review band when {@code reviewOnly}.
 */
public record PairQuery(double minProbability, double maxProbability, boolean reviewOnly) {

    public PairQuery {
        if (!(minProbability >= 0 && minProbability <= maxProbability && maxProbability <= 1)) {
            throw new LinkageException("minProbability and maxProbability: expected 0 <= min <= max <= 1");
        }
    }

    /** Every pair. */
    public static PairQuery all() {
        return new PairQuery(0, 1, false);
    }

    /** The pairs of the review band. */
    public static PairQuery review() {
        return new PairQuery(0, 1, true);
    }

    /** Whether {@code pair} is one of them. */
    public boolean matches(RunPair pair) {
        double p = pair.decisionProbability();
        return p >= minProbability && p <= maxProbability && (!reviewOnly || pair.review());
    }
}

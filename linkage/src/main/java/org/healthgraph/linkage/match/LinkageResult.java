package org.healthgraph.linkage.match;

import java.util.List;

/**
 * The outcome of scoring and deciding.
 *
 * @param links the decided links
 * @param candidatePairs candidate pairs scored
 * @param scoringSeconds wall time of the scoring pass (enumerate, compare, score, keep)
 * @param expectedPrecision label-free estimate: mean match probability of the links
 * @param expectedRecall label-free estimate: sum of link probabilities over the sum of all candidate probabilities
 * @param scoringCpuSeconds CPU time the scoring threads used (tells the rate on dedicated cores when the machine is shared)
 */
public record LinkageResult(List<Link> links, long candidatePairs, double scoringSeconds, double expectedPrecision,
                            double expectedRecall, double scoringCpuSeconds) {

    public LinkageResult {
        links = List.copyOf(links);
    }

    /** Scored candidate pairs per second of the scoring pass. */
    public double pairsPerSecond() {
        return scoringSeconds > 0 ? candidatePairs / scoringSeconds : 0;
    }

    /** Scored candidate pairs per CPU second of the scoring threads (one dedicated core's rate). */
    public double pairsPerCpuSecond() {
        return scoringCpuSeconds > 0 ? candidatePairs / scoringCpuSeconds : 0;
    }
}

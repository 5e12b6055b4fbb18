package org.healthgraph.linkage.match;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The outcome of scoring and deciding.
 *
 * @param links the decided links
 * @param candidatePairs candidate pairs scored
 * @param scoringSeconds wall time of the scoring pass (enumerate, compare, score, keep)
 * @param expectedPrecision label-free estimate: mean probability of the links (the probability
 *     the decision used: record-level when the decision is on records)
 * @param expectedRecall label-free estimate: sum of link probabilities over the expected number of
 *     true matches among the candidates (the sum of all candidate probabilities, on the same scale)
 * @param scoringCpuSeconds CPU time the scoring threads used (tells the rate on dedicated cores when the machine is shared)
 * @param counterpartShare for record-level decisions, λ: the estimated share of left records that
 *     have a counterpart among their candidates (EM)
 */
public record LinkageResult(List<Link> links, long candidatePairs, double scoringSeconds, double expectedPrecision,
                            double expectedRecall, double scoringCpuSeconds, OptionalDouble counterpartShare) {

    public LinkageResult {
        links = List.copyOf(links);
        counterpartShare = counterpartShare == null ? OptionalDouble.empty() : counterpartShare;
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

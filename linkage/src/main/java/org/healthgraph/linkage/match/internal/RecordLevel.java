package org.healthgraph.linkage.match.internal;

/**
 * Record-level match probabilities that use the one-to-one structure of a linkage of two files.
 *
 * <p>Each left record i has at most one counterpart among the right records: none with
 * probability 1 − λ, right record j with probability λ/N (N right records). Given the comparisons,
 * the posterior over i's counterpart is
 * {@code P(i~j) = (λ/N)·LR_ij / ((λ/N)·Σ_k LR_ik + 1 − λ)}, the sum running over i's candidate
 * pairs (blocking leaves out records whose likelihood ratio is negligible). With pairwise odds
 * {@code o_ij = π/(1−π)·LR_ij} (π the model's prior) this is
 * {@code c·o_ij / (c·S_i + 1 − λ)}, where {@code S_i = Σ_k o_ik} and {@code c = (λ/N)(1−π)/π}.
 * It is the full conditional of Sadinle's (2017) bipartite model for one record when no other
 * left record claims i's candidates; the one-to-one assignment then settles such claims.
 *
 * <p>λ is estimated by EM on the records' odds sums: {@code λ ← mean_i c·S_i / (c·S_i + 1 − λ)}
 * (the expected share of left records that have a counterpart among their candidates), bounded to
 * [{@link #LAMBDA_MIN}, {@link #LAMBDA_MAX}] so that no record is ever certain to have one.
 */
public final class RecordLevel {

    /** Largest λ: the odds of "no counterpart" are never taken below 1/1000. */
    public static final double LAMBDA_MAX = 0.999;
    /** Smallest λ. */
    public static final double LAMBDA_MIN = 1e-6;
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private final double lambda;
    private final double scale;
    private final int iterations;

    private RecordLevel(double lambda, double prior, int rightSize, int iterations) {
        this.lambda = lambda;
        this.scale = scale(lambda, prior, rightSize);
        this.iterations = iterations;
    }

    /** A record-level model with a given λ (for explanations of a finished run). */
    public static RecordLevel of(double lambda, double prior, int rightSize) {
        return new RecordLevel(bound(lambda), prior, rightSize, 0);
    }

    /**
     * Estimates λ by EM from each left record's sum of pairwise odds over its candidates.
     *
     * @param oddsSum per left record, {@code Σ_k 2^w_ik} over its candidate pairs (0 without candidates)
     * @param prior the pairwise model's prior π
     * @param rightSize N, the number of right records
     */
    public static RecordLevel estimate(double[] oddsSum, double prior, int rightSize) {
        double lambda = bound(prior * rightSize);
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            double c = scale(lambda, prior, rightSize);
            double sum = 0;
            for (double s : oddsSum) {
                sum += c * s / (c * s + 1 - lambda);
            }
            double next = bound(sum / oddsSum.length);
            double change = Math.abs(next - lambda);
            lambda = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        return new RecordLevel(lambda, prior, rightSize, iteration);
    }

    /**
     * The lowest pairwise weight a pair may have and still reach a record-level probability of
     * {@code thresholdWeight} (as a weight), whatever λ turns out to be: pairs below it never
     * become links and need not be kept.
     */
    public static double lowestUsefulWeight(double thresholdWeight, double prior, int rightSize) {
        return thresholdWeight + log2(1 - LAMBDA_MAX) - log2(Math.max(1, scale(LAMBDA_MAX, prior, rightSize)));
    }

    private static double scale(double lambda, double prior, int rightSize) {
        return lambda / rightSize * (1 - prior) / prior;
    }

    private static double bound(double lambda) {
        return Math.min(LAMBDA_MAX, Math.max(LAMBDA_MIN, lambda));
    }

    /** λ: the estimated probability that a left record has a counterpart among its candidates. */
    public double lambda() {
        return lambda;
    }

    /** EM iterations used (0 when λ was given). */
    public int iterations() {
        return iterations;
    }

    /**
     * The combined odds of the alternatives to the pair, on the record-level scale: the record's
     * other candidates ({@code c·(S_i − o_ij)}), not counting "no counterpart" ({@code 1 − λ}).
     */
    public double rivalOdds(double pairWeight, double oddsSum) {
        return scale * Math.max(0, oddsSum - Math.pow(2, pairWeight));
    }

    /**
     * The record-level weight (log2 odds) of a pair: {@code log2(c·o_ij) − log2(rivals + 1 − λ)}.
     *
     * @param pairWeight the pairwise weight (prior included)
     * @param oddsSum the left record's {@code S_i}
     */
    public double weight(double pairWeight, double oddsSum) {
        return log2(scale) + pairWeight - log2(rivalOdds(pairWeight, oddsSum) + 1 - lambda);
    }

    /** The record-level weight minus the pairwise weight (the waterfall's one-to-one step). */
    public double adjustment(double pairWeight, double oddsSum) {
        return weight(pairWeight, oddsSum) - pairWeight;
    }

    /** The probability that a left record with odds sum {@code S_i} has a counterpart among its candidates. */
    public double matchProbability(double oddsSum) {
        double m = scale * oddsSum;
        return m / (m + 1 - lambda);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

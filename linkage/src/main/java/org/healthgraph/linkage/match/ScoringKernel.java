package org.healthgraph.linkage.match;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.healthgraph.linkage.match.internal.PairBuffer;
import org.healthgraph.linkage.match.internal.Text;

/**
 * The scoring of a {@link Linkage} under a trained model, in the pieces that a distributed engine
 * runs (docs/scale-out.md, "Linkage on Spark"), and that {@link Linkage#score} itself runs on its
 * threads: the same key expressions, pair weight and decision, so that both give the same links.
 * <ol>
 *   <li>{@link #joinKeys}: each blocking rule's join value per record; the candidate pairs are the
 *       pairs of records that share a value under some rule (a deduplication keeps right &gt; left),
 *       each pair once whatever the number of rules that propose it;</li>
 *   <li>{@link #partial}: a pass that weighs candidate pairs (any split of them, each pair in one
 *       pass) and keeps what the decision needs, {@link Partial#scored()};</li>
 *   <li>{@link #decide}: the passes merged, the rescue searches when configured, the record-level
 *       λ, and the decision (threshold, one-to-one or clusters).</li>
 * </ol>
 * Records are named by their row in the inputs as {@link Linkage#open} read them. Term-frequency
 * tables, the model's weights and the encoded values are those of the linkage: a kernel belongs to
 * one opened linkage and one model.
 */
public final class ScoringKernel {

    /** Pairs below this weight add nothing measurable to a record's odds sum. */
    private static final double NEGLIGIBLE = -60;

    private final Linkage linkage;
    private final LinkageModel model;
    private final Linkage.Weights weights;
    private final double thresholdWeight;
    private final double keepWeight;
    private final boolean records;

    ScoringKernel(Linkage linkage, LinkageModel model, Linkage.Weights weights, double thresholdWeight, double keepWeight,
                  boolean records) {
        this.linkage = linkage;
        this.model = model;
        this.weights = weights;
        this.thresholdWeight = thresholdWeight;
        this.keepWeight = keepWeight;
        this.records = records;
    }

    /** Number of left records (rows 0 to this, exclusive). */
    public int leftSize() {
        return linkage.leftSize();
    }

    /** Number of right records (the left ones again for a deduplication). */
    public int rightSize() {
        return linkage.rightSize();
    }

    /** Whether the linkage deduplicates one file: candidates are then pairs of rows (i, j) with j &gt; i. */
    public boolean deduplicates() {
        return linkage.deduplicates();
    }

    /** The model scored with. */
    public LinkageModel model() {
        return model;
    }

    /**
     * Each blocking rule's join value per record, {@code [side][rule][row]}, side 0 left and 1
     * right, -1 for a record that lacks a part of the rule's key.
     */
    public long[][][] joinKeys() {
        return linkage.joinKeys();
    }

    /** A new scoring pass (one per thread or task: it is not thread-safe). */
    public Partial partial() {
        return new Partial(records ? new double[leftSize()] : null);
    }

    /** A pass that adds its odds into {@code oddsSum} (the rescue, after the merge). */
    Partial partial(double[] oddsSum) {
        return new Partial(oddsSum);
    }

    /**
     * Merges scoring passes that together weighed every candidate pair once and decides: the links,
     * their probabilities, and the run's estimates, as {@link Linkage#score} gives them.
     *
     * @param seconds the wall time the passes took, reported with the result
     * @param cpuSeconds their CPU time, likewise
     */
    public LinkageResult decide(List<Scored> parts, double seconds, double cpuSeconds) {
        PairBuffer kept = new PairBuffer();
        long candidates = 0;
        double sumAll = 0;
        double[] oddsSum = records ? new double[leftSize()] : null;
        for (Scored s : parts) {
            for (int k = 0; k < s.left().length; k++) {
                kept.add(s.left()[k], s.right()[k], s.weight()[k]);
            }
            candidates += s.pairs();
            sumAll += s.sumProbability();
            if (records) {
                for (int k = 0; k < s.oddsLeft().length; k++) {
                    oddsSum[s.oddsLeft()[k]] += s.oddsSum()[k];
                }
            }
        }
        return linkage.finish(this, kept, oddsSum, candidates, sumAll, seconds, cpuSeconds);
    }

    Linkage.Weights weights() {
        return weights;
    }

    double thresholdWeight() {
        return thresholdWeight;
    }

    double prior() {
        return model.prior();
    }

    boolean recordLevel() {
        return records;
    }

    /** A scoring pass: weighs the pairs it is given and keeps what the decision needs. */
    public final class Partial {

        private final Text.Scratch scratch = new Text.Scratch();
        private final int[] levels = new int[linkage.fieldNames().size()];
        private final PairBuffer kept = new PairBuffer();
        private final double[] oddsSum;
        private long pairs;
        private double sumProbability;

        private Partial(double[] oddsSum) {
            this.oddsSum = oddsSum;
        }

        /** Weighs the pair of left row {@code i} and right row {@code j}. */
        public void pair(int i, int j) {
            double w = linkage.pairWeight(i, j, weights, levels, scratch);
            pairs++;
            if (w > NEGLIGIBLE) {
                double odds = Math.pow(2, w);
                sumProbability += odds / (1 + odds);
                if (oddsSum != null) {
                    oddsSum[i] += odds;
                }
            }
            if (w >= keepWeight) {
                kept.add(i, j, w);
            }
        }

        PairBuffer kept() {
            return kept;
        }

        long pairs() {
            return pairs;
        }

        /** What this pass found, in a form that can travel (Java serialization). */
        public Scored scored() {
            int[] l = new int[kept.size()];
            int[] r = new int[kept.size()];
            double[] w = new double[kept.size()];
            for (int k = 0; k < l.length; k++) {
                l[k] = kept.left(k);
                r[k] = kept.right(k);
                w[k] = kept.weight(k);
            }
            int n = 0;
            int[] ids = new int[0];
            double[] sums = new double[0];
            if (oddsSum != null) {
                ids = new int[oddsSum.length];
                sums = new double[oddsSum.length];
                for (int i = 0; i < oddsSum.length; i++) {
                    if (oddsSum[i] != 0) {
                        ids[n] = i;
                        sums[n++] = oddsSum[i];
                    }
                }
            }
            return new Scored(l, r, w, Arrays.copyOf(ids, n), Arrays.copyOf(sums, n), pairs, sumProbability);
        }
    }

    /**
     * What a scoring pass found: the pairs kept for the decision (left row, right row, weight), each
     * left record's sum of odds over the pairs of the pass (record-level decisions; empty otherwise),
     * the number of pairs weighed and the sum of their pairwise probabilities. Rows and weights only:
     * no identifier, no value.
     */
    public record Scored(int[] left, int[] right, double[] weight, int[] oddsLeft, double[] oddsSum, long pairs,
                         double sumProbability) implements Serializable {
    }
}

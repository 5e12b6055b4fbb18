package org.healthgraph.linkage.match.internal;

import java.util.Arrays;

/**
 * How the fields' comparison levels depend on each other among non-matches, as a Chow-Liu tree
 * fitted on the agreement patterns of random pairs: u of a pattern is the product of each field's
 * u given its parent field's level, {@code u(pattern) = Π_f u_f(l_f | l_parent(f))}.
 *
 * <p>Fields are not independent among non-matches: two records of the same département share a
 * hospital far more often than two random records (u of "same hospital" is 0.002 overall, 0.15
 * within a département), and a first name tells the sex. Multiplying marginal u's counts such
 * evidence twice and makes weights overconfident. The tree keeps the best single dependence of
 * each field (the maximum spanning tree of pairwise mutual information, Chow and Liu 1968), which
 * keeps the weight a sum of one term per field.
 *
 * <p>An edge is kept only when its dependence is significant (the G statistic {@code 2·n·MI} above
 * the χ² 0.999 quantile); conditional u's are smoothed toward the marginal with the weight of
 * {@link #SMOOTHING} pairs, so that a rare parent level does not produce a noisy u, and of at least
 * one expected occurrence of the level at its marginal rate: a rare level (two birth dates
 * agreeing, u 7e-5) absent from the 2,000 random pairs of a rare parent level (first names one
 * letter apart) was expected there 0.1 times, and its absence says nothing; a pseudo-count of 50
 * pairs alone made its u 36 times smaller than the marginal, 5 bits of evidence from no evidence.
 */
public final class Dependence {

    /** Pseudo-count of the marginal in each conditional estimate. */
    static final double SMOOTHING = 50;

    private final int[] parent;
    private final double[][] marginal;
    /** conditional[f][b][a]: u of level a of field f given level b of its parent. */
    private final double[][][] conditional;

    private Dependence(int[] parent, double[][] marginal, double[][][] conditional) {
        this.parent = parent;
        this.marginal = marginal;
        this.conditional = conditional;
    }

    /** Independent fields with the given marginal u's (no tree). */
    public static Dependence independent(double[][] marginal) {
        int[] parent = new int[marginal.length];
        Arrays.fill(parent, -1);
        return new Dependence(parent, marginal, new double[marginal.length][][]);
    }

    /** A tree given by its parents and conditional u's (a saved model). */
    public static Dependence of(int[] parent, double[][] marginal, double[][][] conditional) {
        return new Dependence(parent.clone(), marginal, conditional);
    }

    /**
     * Fits marginals and, when {@code tree}, the dependence tree from agreement-pattern counts of
     * random pairs (patterns as encoded by {@link Em#encode}; counts may be weighted).
     */
    public static Dependence fit(long[] patterns, double[] counts, int[] levelCounts, boolean tree) {
        int fields = levelCounts.length;
        double[][] single = new double[fields][];
        double[][][][] joint = new double[fields][fields][][];
        for (int f = 0; f < fields; f++) {
            single[f] = new double[levelCounts[f]];
            for (int g = 0; g < fields; g++) {
                joint[f][g] = new double[levelCounts[f]][levelCounts[g]];
            }
        }
        for (int p = 0; p < patterns.length; p++) {
            int[] lv = Em.decode(patterns[p], levelCounts);
            double c = counts[p];
            for (int f = 0; f < fields; f++) {
                if (lv[f] < 0) {
                    continue;
                }
                single[f][lv[f]] += c;
                for (int g = f + 1; g < fields; g++) {
                    if (lv[g] >= 0) {
                        joint[f][g][lv[f]][lv[g]] += c;
                    }
                }
            }
        }
        double[][] marginal = new double[fields][];
        for (int f = 0; f < fields; f++) {
            double total = Arrays.stream(single[f]).sum();
            marginal[f] = new double[levelCounts[f]];
            for (int l = 0; l < levelCounts[f]; l++) {
                marginal[f][l] = (single[f][l] + 0.5) / (total + 0.5 * levelCounts[f]);
            }
        }
        if (!tree) {
            return independent(marginal);
        }
        double[][] gain = new double[fields][fields];
        for (int f = 0; f < fields; f++) {
            for (int g = f + 1; g < fields; g++) {
                gain[f][g] = significantInformation(joint[f][g]);
                gain[g][f] = gain[f][g];
            }
        }
        int[] parent = maximumSpanningForest(gain);
        double[][][] conditional = new double[fields][][];
        for (int f = 0; f < fields; f++) {
            int g = parent[f];
            if (g < 0) {
                continue;
            }
            conditional[f] = new double[levelCounts[g]][levelCounts[f]];
            for (int b = 0; b < levelCounts[g]; b++) {
                double nb = 0;
                for (int a = 0; a < levelCounts[f]; a++) {
                    nb += pairCount(joint, f, a, g, b);
                }
                double sum = 0;
                for (int a = 0; a < levelCounts[f]; a++) {
                    double pseudo = marginal[f][a] > 0 ? Math.max(SMOOTHING, 1 / marginal[f][a]) : SMOOTHING;
                    conditional[f][b][a] = (pairCount(joint, f, a, g, b) + pseudo * marginal[f][a]) / (nb + pseudo);
                    sum += conditional[f][b][a];
                }
                for (int a = 0; a < levelCounts[f]; a++) {
                    conditional[f][b][a] /= sum;
                }
            }
        }
        return new Dependence(parent, marginal, conditional);
    }

    private static double pairCount(double[][][][] joint, int f, int a, int g, int b) {
        return f < g ? joint[f][g][a][b] : joint[g][f][b][a];
    }

    /** Mutual information (nats) of a contingency table when its G-test is significant at 0.001, else 0. */
    public static double significantInformation(double[][] table) {
        int rows = table.length;
        int cols = table[0].length;
        double n = 0;
        double[] r = new double[rows];
        double[] c = new double[cols];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                r[a] += table[a][b];
                c[b] += table[a][b];
                n += table[a][b];
            }
        }
        if (n == 0) {
            return 0;
        }
        double mi = 0;
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                if (table[a][b] > 0) {
                    mi += table[a][b] / n * Math.log(table[a][b] * n / (r[a] * c[b]));
                }
            }
        }
        int dof = (int) (Arrays.stream(r).filter(v -> v > 0).count() - 1) * (int) (Arrays.stream(c).filter(v -> v > 0).count() - 1);
        return dof > 0 && 2 * n * mi > chiSquare999(dof) ? mi : 0;
    }

    /** The 0.999 quantile of χ² with {@code k} degrees of freedom (Wilson-Hilferty). */
    static double chiSquare999(int k) {
        double z = 3.0902;
        double a = 2.0 / (9 * k);
        double t = 1 - a + z * Math.sqrt(a);
        return k * t * t * t;
    }

    /** Prim's algorithm on positive gains; a field with no positive edge starts a new tree. */
    private static int[] maximumSpanningForest(double[][] gain) {
        int n = gain.length;
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        boolean[] in = new boolean[n];
        double[] best = new double[n];
        int[] from = new int[n];
        Arrays.fill(from, -1);
        for (int added = 0; added < n; added++) {
            int next = -1;
            for (int v = 0; v < n; v++) {
                if (!in[v] && (next < 0 || best[v] > best[next])) {
                    next = v;
                }
            }
            in[next] = true;
            parent[next] = best[next] > 0 ? from[next] : -1;
            for (int v = 0; v < n; v++) {
                if (!in[v] && gain[next][v] > best[v]) {
                    best[v] = gain[next][v];
                    from[v] = next;
                }
            }
        }
        return parent;
    }

    /** The field each field is conditioned on, -1 for none. */
    public int parent(int f) {
        return parent[f];
    }

    /** Marginal u of level {@code l} of field {@code f}. */
    public double marginal(int f, int l) {
        return marginal[f][l];
    }

    /** Marginal u's of field {@code f}. */
    public double[] marginal(int f) {
        return marginal[f].clone();
    }

    /** Marginal u's of every field. */
    public double[][] marginals() {
        double[][] out = new double[marginal.length][];
        for (int f = 0; f < out.length; f++) {
            out[f] = marginal[f].clone();
        }
        return out;
    }

    /** u of each level of field {@code f} given each level of its parent (rows), or null without a parent. */
    public double[][] conditional(int f) {
        if (conditional[f] == null) {
            return null;
        }
        double[][] out = new double[conditional[f].length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = conditional[f][b].clone();
        }
        return out;
    }

    /** u of level {@code l} of field {@code f} given the levels of all fields (the parent's may be missing). */
    public double u(int f, int l, int[] levels) {
        int g = parent[f];
        if (g < 0 || levels[g] < 0) {
            return marginal[f][l];
        }
        return conditional[f][levels[g]][l];
    }
}

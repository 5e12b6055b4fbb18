package org.healthgraph.linkage.match.internal;

/**
 * Expectation-maximisation of a two-class mixture (matches, non-matches) under conditional
 * independence of the fields, run on the counts of distinct agreement patterns: its cost grows with
 * the number of distinct patterns, not with the number of pairs. A pattern encodes one level per
 * field in mixed radix {@code levels + 1}, the extra digit meaning "missing" (no contribution).
 */
public final class Em {

    /** Estimated parameters. */
    public record Result(double[][] m, double[][] u, double lambda, int iterations) {
    }

    private static final double FLOOR = 1e-9;

    private Em() {
    }

    /** Encodes levels into a pattern (levels[f] may be {@link Comparison#MISSING}). */
    public static long encode(int[] levels, int[] levelCounts) {
        long code = 0;
        for (int f = levelCounts.length - 1; f >= 0; f--) {
            int digit = levels[f] < 0 ? levelCounts[f] : levels[f];
            code = code * (levelCounts[f] + 1) + digit;
        }
        return code;
    }

    /** Decodes a pattern into levels ({@link Comparison#MISSING} for missing). */
    public static int[] decode(long code, int[] levelCounts) {
        int[] levels = new int[levelCounts.length];
        for (int f = 0; f < levelCounts.length; f++) {
            int radix = levelCounts[f] + 1;
            int digit = (int) (code % radix);
            code /= radix;
            levels[f] = digit == levelCounts[f] ? Comparison.MISSING : digit;
        }
        return levels;
    }

    /**
     * Runs EM from the given starting values.
     *
     * @param fixU keep {@code u0} (estimate m and lambda only)
     * @param tolerance stop when no parameter moves by more than this
     */
    public static Result run(long[] patterns, long[] counts, int[] levelCounts, double[][] m0, double[][] u0,
                             double lambda0, boolean fixU, int maxIterations, double tolerance) {
        int fields = levelCounts.length;
        int[][] decoded = new int[patterns.length][];
        for (int p = 0; p < patterns.length; p++) {
            decoded[p] = decode(patterns[p], levelCounts);
        }
        double[][] m = copy(m0);
        double[][] u = copy(u0);
        double lambda = lambda0;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            double[][] mNum = new double[fields][];
            double[][] uNum = new double[fields][];
            for (int f = 0; f < fields; f++) {
                mNum[f] = new double[levelCounts[f]];
                uNum[f] = new double[levelCounts[f]];
            }
            double matches = 0;
            double total = 0;
            for (int p = 0; p < patterns.length; p++) {
                int[] lv = decoded[p];
                double pm = lambda;
                double pu = 1 - lambda;
                for (int f = 0; f < fields; f++) {
                    if (lv[f] >= 0) {
                        pm *= m[f][lv[f]];
                        pu *= u[f][lv[f]];
                    }
                }
                double g = pm / (pm + pu);
                double c = counts[p];
                matches += c * g;
                total += c;
                for (int f = 0; f < fields; f++) {
                    if (lv[f] >= 0) {
                        mNum[f][lv[f]] += c * g;
                        uNum[f][lv[f]] += c * (1 - g);
                    }
                }
            }
            double change = Math.abs(matches / total - lambda);
            lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
            change = Math.max(change, normaliseInto(mNum, m));
            if (!fixU) {
                change = Math.max(change, normaliseInto(uNum, u));
            }
            if (change < tolerance) {
                break;
            }
        }
        return new Result(m, u, lambda, iteration);
    }

    /**
     * Runs EM for m and lambda with u fixed by a dependence tree: u of a pattern is
     * {@code Π_f u_f(l_f | l_parent(f))} over the fields not skipped. Skipped fields (a blocking
     * rule's own keys, which agree by construction) contribute neither m nor u, but their levels
     * still condition their children's u.
     */
    public static Result runFixedU(long[] patterns, long[] counts, int[] levelCounts, double[][] m0, Dependence u,
                                   boolean[] skip, double lambda0, int maxIterations, double tolerance) {
        int fields = levelCounts.length;
        int[][] decoded = new int[patterns.length][];
        double[] pu = new double[patterns.length];
        for (int p = 0; p < patterns.length; p++) {
            decoded[p] = decode(patterns[p], levelCounts);
            pu[p] = 1;
            for (int f = 0; f < fields; f++) {
                int l = decoded[p][f];
                if (l >= 0 && !skip[f]) {
                    pu[p] *= u.u(f, l, decoded[p]);
                }
            }
        }
        double[][] m = copy(m0);
        double lambda = lambda0;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            double[][] mNum = new double[fields][];
            for (int f = 0; f < fields; f++) {
                mNum[f] = new double[levelCounts[f]];
            }
            double matches = 0;
            double total = 0;
            for (int p = 0; p < patterns.length; p++) {
                int[] lv = decoded[p];
                double pm = lambda;
                for (int f = 0; f < fields; f++) {
                    if (lv[f] >= 0 && !skip[f]) {
                        pm *= m[f][lv[f]];
                    }
                }
                double g = pm / (pm + (1 - lambda) * pu[p]);
                double c = counts[p];
                matches += c * g;
                total += c;
                for (int f = 0; f < fields; f++) {
                    if (lv[f] >= 0 && !skip[f]) {
                        mNum[f][lv[f]] += c * g;
                    }
                }
            }
            double change = Math.abs(matches / total - lambda);
            lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
            change = Math.max(change, normaliseInto(mNum, m));
            if (change < tolerance) {
                break;
            }
        }
        return new Result(m, u.marginals(), lambda, iteration);
    }

    private static double normaliseInto(double[][] numerators, double[][] target) {
        double change = 0;
        for (int f = 0; f < numerators.length; f++) {
            double sum = 0;
            for (double v : numerators[f]) {
                sum += v;
            }
            if (sum <= 0) {
                continue;
            }
            for (int l = 0; l < numerators[f].length; l++) {
                double v = Math.max(FLOOR, numerators[f][l] / sum);
                change = Math.max(change, Math.abs(v - target[f][l]));
                target[f][l] = v;
            }
        }
        return change;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}

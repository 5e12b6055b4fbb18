package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.healthgraph.linkage.match.internal.Em;
import org.healthgraph.linkage.match.internal.LongCounts;
import org.junit.jupiter.api.Test;

class EmTest {

    private static final int[] LEVELS = {3, 2, 4, 2};
    private static final double[][] M = {{0.85, 0.10, 0.05}, {0.95, 0.05}, {0.70, 0.15, 0.10, 0.05}, {0.90, 0.10}};
    private static final double[][] U = {{0.02, 0.08, 0.90}, {0.50, 0.50}, {0.01, 0.04, 0.15, 0.80}, {0.05, 0.95}};
    private static final double LAMBDA = 0.05;

    /** Simulates agreement patterns of 400,000 pairs from known parameters (5% missing values). */
    private static long[][] simulate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LongCounts counts = new LongCounts();
        int[] levels = new int[LEVELS.length];
        for (int p = 0; p < 400_000; p++) {
            boolean match = r.nextDouble() < LAMBDA;
            for (int f = 0; f < LEVELS.length; f++) {
                levels[f] = r.nextDouble() < 0.05 ? -1 : draw(r, match ? M[f] : U[f]);
            }
            counts.add(Em.encode(levels, LEVELS), 1);
        }
        return counts.entries();
    }

    private static int draw(SplittableRandom r, double[] p) {
        double x = r.nextDouble();
        for (int l = 0; l < p.length - 1; l++) {
            x -= p[l];
            if (x < 0) {
                return l;
            }
        }
        return p.length - 1;
    }

    @Test
    void recoversKnownMAndUWithin002FromPatternCountsOnly() {
        long[][] e = simulate(11);
        assertThat(e[0].length).as("distinct patterns, not pairs").isLessThan(200);
        double[][] m0 = {{0.6, 0.2, 0.2}, {0.6, 0.4}, {0.4, 0.2, 0.2, 0.2}, {0.6, 0.4}};
        double[][] u0 = {{0.2, 0.2, 0.6}, {0.5, 0.5}, {0.2, 0.2, 0.2, 0.4}, {0.3, 0.7}};
        Em.Result result = Em.run(e[0], e[1], LEVELS, m0, u0, 0.2, false, 500, 1e-9);
        assertThat(result.lambda()).isCloseTo(LAMBDA, offset(0.005));
        for (int f = 0; f < LEVELS.length; f++) {
            for (int l = 0; l < LEVELS[f]; l++) {
                assertThat(result.m()[f][l]).as("m[%d][%d]", f, l).isCloseTo(M[f][l], offset(0.02));
                assertThat(result.u()[f][l]).as("u[%d][%d]", f, l).isCloseTo(U[f][l], offset(0.02));
            }
        }
    }

    @Test
    void recoversMWithUFixedAtItsTrueValue() {
        long[][] e = simulate(12);
        double[][] m0 = {{0.6, 0.2, 0.2}, {0.6, 0.4}, {0.4, 0.2, 0.2, 0.2}, {0.6, 0.4}};
        Em.Result result = Em.run(e[0], e[1], LEVELS, m0, U, 0.2, true, 500, 1e-9);
        for (int f = 0; f < LEVELS.length; f++) {
            for (int l = 0; l < LEVELS[f]; l++) {
                assertThat(result.m()[f][l]).as("m[%d][%d]", f, l).isCloseTo(M[f][l], offset(0.02));
            }
        }
    }

    @Test
    void encodesAndDecodesPatternsWithMissingLevels() {
        int[] levels = {2, -1, 0, 1};
        assertThat(Em.decode(Em.encode(levels, LEVELS), LEVELS)).containsExactly(2, -1, 0, 1);
    }
}

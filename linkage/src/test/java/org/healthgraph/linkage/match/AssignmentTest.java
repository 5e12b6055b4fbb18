package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.healthgraph.linkage.match.internal.Assignment;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    @Test
    void findsTheBestOneToOneAssignmentOnRandomSmallGraphsAsBruteForceDoes() {
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 300; round++) {
            int nl = 1 + r.nextInt(5);
            int nr = 1 + r.nextInt(5);
            int edges = 1 + r.nextInt(nl * nr);
            int[] left = new int[edges];
            int[] right = new int[edges];
            double[] score = new double[edges];
            for (int e = 0; e < edges; e++) {
                left[e] = 100 + r.nextInt(nl);
                right[e] = 7 * r.nextInt(nr);
                score[e] = 0.01 + r.nextDouble() * 10;
            }
            boolean[] chosen = Assignment.solve(left, right, score);
            double total = 0;
            java.util.Set<Integer> usedL = new java.util.HashSet<>();
            java.util.Set<Integer> usedR = new java.util.HashSet<>();
            for (int e = 0; e < edges; e++) {
                if (chosen[e]) {
                    assertThat(usedL.add(left[e])).as("left used once").isTrue();
                    assertThat(usedR.add(right[e])).as("right used once").isTrue();
                    total += score[e];
                }
            }
            assertThat(total).as("round %d", round).isCloseTo(bruteForce(left, right, score, 0, new boolean[edges]), offset(1e-9));
        }
    }

    @Test
    void prefersTwoGoodLinksToOneBestLinkWhereGreedyWouldFail() {
        // greedy takes (A,X)=10 and stops; the assignment takes (A,Y)=9 and (B,X)=9
        boolean[] chosen = Assignment.solve(new int[] {0, 0, 1}, new int[] {0, 1, 0}, new double[] {10, 9, 9});
        assertThat(chosen).containsExactly(false, true, true);
    }

    private static double bruteForce(int[] left, int[] right, double[] score, int e, boolean[] taken) {
        if (e == left.length) {
            return 0;
        }
        double best = bruteForce(left, right, score, e + 1, taken);
        boolean free = true;
        for (int k = 0; k < e; k++) {
            if (taken[k] && (left[k] == left[e] || right[k] == right[e])) {
                free = false;
                break;
            }
        }
        if (free) {
            taken[e] = true;
            best = Math.max(best, score[e] + bruteForce(left, right, score, e + 1, taken));
            taken[e] = false;
        }
        return best;
    }
}

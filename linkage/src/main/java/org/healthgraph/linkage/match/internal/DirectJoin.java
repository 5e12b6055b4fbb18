package org.healthgraph.linkage.match.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct linkage: an exact join of two files on a pseudonym column, keeping only pseudonyms that
 * occur once on each side. A pseudonym held by several records of one side (same-sex twins
 * pseudonymised under a parent's national id, say) links none of them: which one is meant cannot
 * be told. An empty pseudonym never joins.
 */
public final class DirectJoin {

    private DirectJoin() {
    }

    /**
     * The join's links and what it left aside.
     *
     * @param pairs links as {left index, right index}
     * @param leftMissing left records without a pseudonym
     * @param rightMissing right records without a pseudonym
     * @param leftRepeated left records whose pseudonym another left record shares
     * @param rightRepeated right records whose pseudonym another right record shares
     */
    public record Result(List<int[]> pairs, long leftMissing, long rightMissing, long leftRepeated, long rightRepeated) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    public static Result join(Table left, String leftColumn, Table right, String rightColumn) {
        String[] l = left.column(leftColumn);
        String[] r = right.column(rightColumn);
        Map<String, Integer> rightIndex = new HashMap<>(r.length * 2);
        long rightMissing = 0;
        for (int j = 0; j < r.length; j++) {
            if (r[j] == null) {
                rightMissing++;
            } else {
                // -2 marks a pseudonym held by several right records
                rightIndex.merge(r[j], j, (a, b) -> -2);
            }
        }
        Map<String, Integer> leftIndex = new HashMap<>(l.length * 2);
        long leftMissing = 0;
        for (int i = 0; i < l.length; i++) {
            if (l[i] == null) {
                leftMissing++;
            } else {
                leftIndex.merge(l[i], i, (a, b) -> -2);
            }
        }
        long leftRepeated = repeated(l, leftIndex);
        long rightRepeated = repeated(r, rightIndex);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < l.length; i++) {
            if (l[i] == null || leftIndex.get(l[i]) < 0) {
                continue;
            }
            Integer j = rightIndex.get(l[i]);
            if (j != null && j >= 0) {
                pairs.add(new int[] {i, j});
            }
        }
        return new Result(pairs, leftMissing, rightMissing, leftRepeated, rightRepeated);
    }

    private static long repeated(String[] values, Map<String, Integer> index) {
        long n = 0;
        for (String v : values) {
            if (v != null && index.get(v) < 0) {
                n++;
            }
        }
        return n;
    }
}

package org.healthgraph.linkage.match.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-to-one assignment on a sparse bipartite graph: the set of edges, each left and each right
 * node used at most once, with the largest total score. The graph splits into connected components
 * (usually a handful of nodes each); each is solved exactly by the Hungarian algorithm, except
 * components larger than {@link #EXACT_LIMIT} nodes on a side, solved greedily (best edge first).
 */
public final class Assignment {

    /** Largest component side solved exactly (the Hungarian algorithm is cubic). */
    public static final int EXACT_LIMIT = 400;

    private Assignment() {
    }

    /**
     * Chooses edges.
     *
     * @param left left node of each edge
     * @param right right node of each edge
     * @param score positive score of each edge
     * @return for each edge, whether it is chosen
     */
    public static boolean[] solve(int[] left, int[] right, double[] score) {
        int n = left.length;
        Map<Integer, Integer> leftNode = new HashMap<>();
        Map<Integer, Integer> rightNode = new HashMap<>();
        for (int e = 0; e < n; e++) {
            leftNode.putIfAbsent(left[e], leftNode.size());
            rightNode.putIfAbsent(right[e], rightNode.size());
        }
        int[] parent = new int[leftNode.size() + rightNode.size()];
        for (int v = 0; v < parent.length; v++) {
            parent[v] = v;
        }
        int[] l = new int[n];
        int[] r = new int[n];
        for (int e = 0; e < n; e++) {
            l[e] = leftNode.get(left[e]);
            r[e] = leftNode.size() + rightNode.get(right[e]);
            parent[find(parent, l[e])] = find(parent, r[e]);
        }
        Map<Integer, List<Integer>> components = new HashMap<>();
        for (int e = 0; e < n; e++) {
            components.computeIfAbsent(find(parent, l[e]), k -> new ArrayList<>()).add(e);
        }
        boolean[] chosen = new boolean[n];
        for (List<Integer> edges : components.values()) {
            if (edges.size() == 1) {
                chosen[edges.getFirst()] = true;
            } else {
                solveComponent(edges, l, r, score, chosen);
            }
        }
        return chosen;
    }

    private static void solveComponent(List<Integer> edges, int[] l, int[] r, double[] score, boolean[] chosen) {
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> cols = new HashMap<>();
        for (int e : edges) {
            rows.putIfAbsent(l[e], rows.size());
            cols.putIfAbsent(r[e], cols.size());
        }
        if (rows.size() > EXACT_LIMIT || cols.size() > EXACT_LIMIT) {
            greedy(edges, l, r, score, chosen);
            return;
        }
        int k = Math.max(rows.size(), cols.size());
        double[][] cost = new double[k][k];
        int[][] edgeAt = new int[k][k];
        for (int[] row : edgeAt) {
            Arrays.fill(row, -1);
        }
        for (int e : edges) {
            int i = rows.get(l[e]);
            int j = cols.get(r[e]);
            if (edgeAt[i][j] < 0 || score[e] > -cost[i][j]) {
                cost[i][j] = -score[e];
                edgeAt[i][j] = e;
            }
        }
        int[] assigned = hungarian(cost);
        for (int i = 0; i < k; i++) {
            int e = edgeAt[i][assigned[i]];
            if (e >= 0) {
                chosen[e] = true;
            }
        }
    }

    private static void greedy(List<Integer> edges, int[] l, int[] r, double[] score, boolean[] chosen) {
        List<Integer> sorted = new ArrayList<>(edges);
        sorted.sort((a, b) -> Double.compare(score[b], score[a]));
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int e : sorted) {
            if (!used.contains(l[e]) && !used.contains(r[e])) {
                used.add(l[e]);
                used.add(r[e]);
                chosen[e] = true;
            }
        }
    }

    /** Minimum-cost perfect assignment of a square matrix (Kuhn-Munkres with potentials); row to column. */
    static int[] hungarian(double[][] a) {
        int n = a.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= n; j++) {
            rowToCol[p[j] - 1] = j - 1;
        }
        return rowToCol;
    }

    static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}

package org.healthgraph.linkage.match.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Clusters of records from scored links: connected components, edges taken best first, an edge
 * refused when it would make a cluster larger than a maximum (the guard against chaining, where a
 * long path of weak links glues unrelated people together). A cluster's id is derived from its
 * smallest member key, so it stays the same across runs as long as that member stays in it.
 */
public final class Clusters {

    private Clusters() {
    }

    /** The result: which edges were kept, and the cluster id of each edge kept. */
    public record Result(boolean[] kept, String[] clusterId) {
    }

    /**
     * @param a member key of each edge's first end
     * @param b member key of each edge's second end
     * @param weight each edge's weight
     * @param maxSize largest cluster allowed
     */
    public static Result of(String[] a, String[] b, double[] weight, int maxSize) {
        int n = a.length;
        Map<String, Integer> node = new HashMap<>();
        List<String> keys = new ArrayList<>();
        int[] ea = new int[n];
        int[] eb = new int[n];
        for (int e = 0; e < n; e++) {
            ea[e] = node.computeIfAbsent(a[e], k -> {
                keys.add(k);
                return keys.size() - 1;
            });
            eb[e] = node.computeIfAbsent(b[e], k -> {
                keys.add(k);
                return keys.size() - 1;
            });
        }
        int[] parent = new int[keys.size()];
        int[] size = new int[keys.size()];
        for (int v = 0; v < parent.length; v++) {
            parent[v] = v;
            size[v] = 1;
        }
        Integer[] order = new Integer[n];
        for (int e = 0; e < n; e++) {
            order[e] = e;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(weight[y], weight[x]));
        boolean[] kept = new boolean[n];
        for (int e : order) {
            int ra = Assignment.find(parent, ea[e]);
            int rb = Assignment.find(parent, eb[e]);
            if (ra == rb) {
                kept[e] = true;
            } else if (size[ra] + size[rb] <= maxSize) {
                parent[ra] = rb;
                size[rb] += size[ra];
                kept[e] = true;
            }
        }
        Map<Integer, String> smallest = new HashMap<>();
        for (int v = 0; v < keys.size(); v++) {
            smallest.merge(Assignment.find(parent, v), keys.get(v), (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        String[] ids = new String[n];
        for (int e = 0; e < n; e++) {
            if (kept[e]) {
                ids[e] = stableId(smallest.get(Assignment.find(parent, ea[e])));
            }
        }
        return new Result(kept, ids);
    }

    static String stableId(String smallestMember) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(smallestMember.getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

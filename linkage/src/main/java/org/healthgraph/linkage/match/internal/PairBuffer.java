package org.healthgraph.linkage.match.internal;

import java.util.Arrays;

/** A growable list of scored pairs on primitive arrays (left index, right index, weight). */
public final class PairBuffer {

    private int[] left = new int[256];
    private int[] right = new int[256];
    private double[] weight = new double[256];
    private int size;

    public void add(int i, int j, double w) {
        if (size == left.length) {
            left = Arrays.copyOf(left, size * 2);
            right = Arrays.copyOf(right, size * 2);
            weight = Arrays.copyOf(weight, size * 2);
        }
        left[size] = i;
        right[size] = j;
        weight[size++] = w;
    }

    public void addAll(PairBuffer other) {
        for (int k = 0; k < other.size; k++) {
            add(other.left[k], other.right[k], other.weight[k]);
        }
    }

    /**
     * These pairs ordered by left then right record: the order in which they were scored (threads,
     * partitions) then leaves no trace in what is decided from them.
     */
    public PairBuffer sorted() {
        Integer[] order = new Integer[size];
        for (int k = 0; k < size; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> left[a] != left[b] ? Integer.compare(left[a], left[b]) : Integer.compare(right[a], right[b]));
        PairBuffer out = new PairBuffer();
        for (int k : order) {
            out.add(left[k], right[k], weight[k]);
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int left(int k) {
        return left[k];
    }

    public int right(int k) {
        return right[k];
    }

    public double weight(int k) {
        return weight[k];
    }
}

package org.healthgraph.linkage.match.internal;

import java.util.Arrays;

/** An open-addressing map from long keys (agreement patterns) to counts, without boxing. */
public final class LongCounts {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    public LongCounts() {
        keys = new long[1024];
        values = new long[1024];
        Arrays.fill(keys, EMPTY);
    }

    public void add(long key, long count) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int h = (int) (mix(key) & mask);
        while (keys[h] != EMPTY && keys[h] != key) {
            h = (h + 1) & mask;
        }
        if (keys[h] == EMPTY) {
            keys[h] = key;
            size++;
        }
        values[h] += count;
    }

    public void addAll(LongCounts other) {
        for (int h = 0; h < other.keys.length; h++) {
            if (other.keys[h] != EMPTY) {
                add(other.keys[h], other.values[h]);
            }
        }
    }

    public int size() {
        return size;
    }

    /** Keys and counts, as two parallel arrays. */
    public long[][] entries() {
        long[] k = new long[size];
        long[] v = new long[size];
        int n = 0;
        for (int h = 0; h < keys.length; h++) {
            if (keys[h] != EMPTY) {
                k[n] = keys[h];
                v[n++] = values[h];
            }
        }
        return new long[][] {k, v};
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int h = 0; h < oldKeys.length; h++) {
            if (oldKeys[h] != EMPTY) {
                add(oldKeys[h], oldValues[h]);
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}

package org.healthgraph.importers.snds;

/**
 * A map from a 128-bit key hash (two independent 64-bit hashes of a join key's fields) to an int,
 * in flat arrays: tens of millions of claim keys fit in a few hundred megabytes, where a map of
 * strings took gigabytes and its lookups dominated the import. Two keys that differ have the same
 * 128 bits with a probability of about 2^-128 per pair (for well-mixed hashes): negligible.
 */
final class HashIndex {

    static final int ABSENT = Integer.MIN_VALUE;

    // Slot i holds h1 at [3i], h2 at [3i+1] and the value + 1 at [3i+2] (0: empty): one probe, one cache line.
    private long[] table;
    private int size;
    private int mask;

    HashIndex(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
        table = new long[slots * 3];
        mask = slots - 1;
        size = 0;
    }

    int size() {
        return size;
    }

    /** Sets the value (at least 0) of a key; returns the former one or {@link #ABSENT}. */
    int put(long a, long b, int value) {
        if ((size + 1L) * 4 > (mask + 1L) * 3) {
            grow();
        }
        int i = slot(a, b);
        long old = table[i + 2];
        table[i] = a;
        table[i + 1] = b;
        table[i + 2] = value + 1L;
        if (old == 0) {
            size++;
            return ABSENT;
        }
        return (int) (old - 1);
    }

    /** The value of a key, or {@link #ABSENT}. */
    int get(long a, long b) {
        long v = table[slot(a, b) + 2];
        return v == 0 ? ABSENT : (int) (v - 1);
    }

    private int slot(long a, long b) {
        long z = b ^ (a * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 32)) * 0xd6e8feb86659fd93L;
        int i = (int) (z ^ (z >>> 32)) & mask;
        while (true) {
            int at = i * 3;
            if (table[at + 2] == 0 || (table[at] == a && table[at + 1] == b)) {
                return at;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        for (int at = 0; at < old.length; at += 3) {
            if (old[at + 2] != 0) {
                int s = slot(old[at], old[at + 1]);
                table[s] = old[at];
                table[s + 1] = old[at + 1];
                table[s + 2] = old[at + 2];
                size++;
            }
        }
    }

    @Override
    public String toString() {
        return "HashIndex[" + size + " keys in " + (mask + 1) + " slots]";
    }
}

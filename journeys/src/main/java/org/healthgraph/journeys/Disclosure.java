package org.healthgraph.journeys;

import java.util.Objects;

/**
 * How aggregate counts are released beyond the suppression of small counts.
 *
 * <ul>
 * <li>{@link #exact()}: counts as they are (suppressed from 1 to the threshold minus one): for callers
 * who may read patient-level data anyway, and for the data folder's owner on the command line.</li>
 * <li>{@link #cellKey(byte[])}: the cell-key method of the UK Office for National Statistics (2021
 * census) and the ABS TableBuilder. Each patient gets a record key from 0 to 255, a keyed hash of its
 * pseudonymous id; a released cell (an attrition row, a pathway node or link) gets the sum of its
 * patients' record keys modulo 256, and a fixed perturbation table maps (cell key, count) to an
 * offset from -3 to +3 (mean ~0, variance ~2.5). The same set of patients always gets the same offset,
 * so repeating a query does not average the noise away, while two sets that differ by a few patients
 * get unrelated offsets, so that a small count is no longer recovered as the difference of two large
 * ones (two cohorts that differ by one criterion, consecutive attrition rows, two age slices, a node
 * minus its other links). Counts from 1 to the threshold minus one are still suppressed; a perturbed
 * count is never released under the threshold; zero stays zero.</li>
 * </ul>
 * What it does not stop, said in docs/security.md: an attacker who builds many different pairs of
 * queries isolating the same small group can average their differences; the audit trail records
 * every cohort run so that such a series is visible.
 */
public sealed interface Disclosure {

    /** Counts as they are, suppressed below the query's threshold. */
    static Disclosure exact() {
        return Exact.INSTANCE;
    }

    /** Cell-key perturbation with {@code key} (32 bytes or more, from {@code <data-dir>/journeys/.disclosure-key}). */
    static Disclosure cellKey(byte[] key) {
        return new CellKey(key);
    }

    /** Exact release. */
    enum Exact implements Disclosure {
        INSTANCE
    }

    /** Cell-key perturbation with a secret key; the key is not shown by {@link #toString()}. */
    final class CellKey implements Disclosure {

        /** Offsets of the perturbation table: 51 × 0, 51 × ±1, 38 × ±2, 13 × +3 and 14 × -3 out of 256. */
        private static final int[] TABLE = table();

        private final byte[] key;

        CellKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 32) {
                throw new IllegalArgumentException("a cell-key perturbation key has at least 32 bytes, got " + key.length);
            }
            this.key = key.clone();
        }

        /** The secret, for computing record keys (journeys' internal package only reads it). */
        public byte[] key() {
            return key.clone();
        }

        /**
         * The released count of a cell of {@code count} patients whose record keys sum to
         * {@code cellKey} (modulo 256).
         */
        public SuppressedCount release(long count, int cellKey, int threshold) {
            if (count == 0) {
                return SuppressedCount.of(0, threshold);
            }
            if (count < threshold) {
                return SuppressedCount.of(count, threshold);
            }
            long released = Math.max(threshold, count + offset(count, cellKey));
            return new SuppressedCount(java.util.OptionalLong.of(released), false, true);
        }

        /** The perturbation of a cell: the same (count, cell key) always gives the same offset. */
        static int offset(long count, int cellKey) {
            // Counts above 750 share a row, like the ONS table's last row: the offset then depends on the key only.
            int h = (int) Math.min(count, 750) * 0x9E3779B1 ^ (cellKey & 0xff) * 0x85EBCA6B;
            h ^= h >>> 16;
            h *= 0x7FEB352D;
            h ^= h >>> 15;
            return TABLE[h & 0xff];
        }

        private static int[] table() {
            int[] t = new int[256];
            int i = 0;
            int[][] counts = {{0, 51}, {1, 51}, {-1, 51}, {2, 38}, {-2, 38}, {3, 13}, {-3, 14}};
            for (int[] c : counts) {
                for (int k = 0; k < c[1]; k++) {
                    t[i++] = c[0];
                }
            }
            return t;
        }

        @Override
        public String toString() {
            return "Disclosure.CellKey[key not shown]";
        }
    }
}

package org.healthgraph.linkage.match.internal;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.codec.language.Metaphone;
import org.apache.commons.codec.language.Soundex;
import org.healthgraph.linkage.match.LinkageConfig.BlockingRule;
import org.healthgraph.linkage.match.LinkageException;

/**
 * OR-ed blocking rules as inverted indexes over the right table (key id to a compact run of
 * record indexes); a left record's candidates are the union of its keys' runs, deduplicated with a
 * per-thread marker array, so enumeration allocates nothing.
 */
public final class Blocking {

    private final String[] names;
    private final int[][] leftKey;
    private final int[][] start;
    private final int[][] members;
    private final long[] estimated;
    private final boolean dedupe;

    private Blocking(String[] names, int[][] leftKey, int[][] start, int[][] members, long[] estimated, boolean dedupe) {
        this.names = names;
        this.leftKey = leftKey;
        this.start = start;
        this.members = members;
        this.estimated = estimated;
        this.dedupe = dedupe;
    }

    /**
     * Builds the indexes and checks each rule's pair count before anything is scored.
     *
     * @param dateColumns date columns and their format patterns (for the year and yearmonth transforms)
     * @throws LinkageException naming the first rule whose pair count exceeds {@code maxPairs}
     */
    public static Blocking build(List<BlockingRule> rules, Table left, Table right, boolean dedupe,
                                 Map<String, String> dateColumns, long maxPairs) {
        return build(rules, left, right, dedupe, dateColumns, maxPairs, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * Builds the indexes, a key's column name being mapped to each side's column (a key may name a
     * field whose columns differ between the two files).
     */
    public static Blocking build(List<BlockingRule> rules, Table left, Table right, boolean dedupe,
                                 Map<String, String> dateColumns, long maxPairs, UnaryOperator<String> leftColumn,
                                 UnaryOperator<String> rightColumn) {
        int n = rules.size();
        String[] names = new String[n];
        int[][] leftKey = new int[n][];
        int[][] start = new int[n][];
        int[][] members = new int[n][];
        long[] estimated = new long[n];
        Map<String, long[]> leftParts = new HashMap<>();
        Map<String, long[]> rightParts = new HashMap<>();
        int indexBits = indexBits(right.size());
        for (int r = 0; r < n; r++) {
            BlockingRule rule = rules.get(r);
            names[r] = rule.name();
            long[] rk = keys(rule, right, dateColumns, rightParts, rightColumn);
            long[] lk = dedupe ? rk : keys(rule, left, dateColumns, leftParts, leftColumn);
            // Sort (key hash, record index) packed in one non-negative long: records sharing a key become a
            // contiguous run. Two keys with the same truncated hash merely add candidate pairs.
            long[] packed = new long[rk.length];
            int count = 0;
            for (int j = 0; j < rk.length; j++) {
                if (rk[j] != 0) {
                    packed[count++] = joinKey(rk[j], indexBits) << indexBits | j;
                }
            }
            packed = Arrays.copyOf(packed, count);
            Arrays.sort(packed);
            long[] groupKey = new long[count];
            int[] counts = new int[count + 1];
            int[] mem = new int[count];
            int groups = 0;
            long mask = (1L << indexBits) - 1;
            for (int p = 0; p < count; p++) {
                long key = packed[p] >>> indexBits;
                if (groups == 0 || groupKey[groups - 1] != key) {
                    groupKey[groups] = key;
                    counts[groups] = p;
                    groups++;
                }
                mem[p] = (int) (packed[p] & mask);
            }
            counts[groups] = count;
            int[] lid = new int[lk.length];
            long pairs = 0;
            for (int i = 0; i < lk.length; i++) {
                int g = lk[i] == 0 ? -1 : Arrays.binarySearch(groupKey, 0, groups, joinKey(lk[i], indexBits));
                lid[i] = g < 0 ? -1 : g;
                if (g >= 0) {
                    long size = counts[g + 1] - counts[g];
                    pairs += dedupe ? size - 1 : size;
                }
            }
            estimated[r] = dedupe ? pairs / 2 : pairs;
            if (estimated[r] > maxPairs) {
                throw new LinkageException("blocking rule '" + names[r] + "' would produce " + estimated[r]
                        + " candidate pairs, more than maxPairsPerRule = " + maxPairs
                        + "; make it stricter (add a key) or raise the limit");
            }
            leftKey[r] = lid;
            start[r] = Arrays.copyOf(counts, groups + 1);
            members[r] = mem;
        }
        return new Blocking(names, leftKey, start, members, estimated, dedupe);
    }

    /** Bits of a packed index entry that hold a right record's index. */
    private static int indexBits(int rightSize) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(rightSize));
    }

    /**
     * The value two records must share to be a rule's candidates: the key hash truncated to the
     * bits that the index leaves free (two keys with the same truncated hash merely add pairs).
     */
    private static long joinKey(long hash, int indexBits) {
        return hash >>> (indexBits + 1);
    }

    /**
     * Each rule's join value per record, for an engine that joins the two sides itself (a Spark
     * join): {@code [side][rule][record]}, side 0 the left table and 1 the right one (the same
     * array for a deduplication), -1 for a record without the key. Two records are candidates of a
     * rule exactly when their values are equal and not -1: the pairs {@link #build}'s index gives.
     */
    public static long[][][] joinKeys(List<BlockingRule> rules, Table left, Table right, boolean dedupe,
                                      Map<String, String> dateColumns, UnaryOperator<String> leftColumn,
                                      UnaryOperator<String> rightColumn) {
        int indexBits = indexBits(right.size());
        long[][][] out = new long[2][rules.size()][];
        Map<String, long[]> leftParts = new HashMap<>();
        Map<String, long[]> rightParts = new HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            long[] rk = keys(rules.get(r), right, dateColumns, rightParts, rightColumn);
            long[] lk = dedupe ? rk : keys(rules.get(r), left, dateColumns, leftParts, leftColumn);
            out[0][r] = joinKeys(lk, indexBits);
            out[1][r] = dedupe ? out[0][r] : joinKeys(rk, indexBits);
        }
        return out;
    }

    private static long[] joinKeys(long[] hashes, int indexBits) {
        long[] out = new long[hashes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = hashes[i] == 0 ? -1 : joinKey(hashes[i], indexBits);
        }
        return out;
    }

    /**
     * The rule's key hash of each record (0 when a part is missing); part hashes are cached by key
     * spec across rules.
     */
    static long[] keys(BlockingRule rule, Table t, Map<String, String> dateColumns, Map<String, long[]> cache,
                       UnaryOperator<String> columnOf) {
        long[][] parts = new long[rule.keys().size()][];
        for (int k = 0; k < parts.length; k++) {
            String spec = rule.keys().get(k).strip();
            parts[k] = cache.get(spec);
            if (parts[k] != null) {
                continue;
            }
            int bar = spec.indexOf('|');
            String column = columnOf.apply((bar < 0 ? spec : spec.substring(0, bar)).strip());
            String transform = bar < 0 ? "" : spec.substring(bar + 1).strip();
            String[] raw = t.column(column);
            String pattern = dateColumns.get(column);
            if (pattern != null) {
                int[] ymd = Comparison.Dates.ymd(t, column, DateTimeFormatter.ofPattern(pattern), pattern);
                raw = new String[ymd.length];
                for (int i = 0; i < ymd.length; i++) {
                    raw[i] = ymd[i] == 0 ? null : Integer.toString(ymd[i]);
                }
            }
            String[] values = transform(raw, transform, rule.name());
            long[] h = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                h[i] = values[i] == null ? 0 : hash(values[i]);
            }
            parts[k] = h;
            cache.put(spec, h);
        }
        long[] out = new long[t.size()];
        rows:
        for (int i = 0; i < out.length; i++) {
            long key = 0x243F6A8885A308D3L;
            for (long[] part : parts) {
                if (part[i] == 0) {
                    continue rows;
                }
                key = (key ^ part[i]) * 0x9E3779B97F4A7C15L;
                key ^= key >>> 29;
            }
            out[i] = key == 0 ? 1 : key;
        }
        return out;
    }

    /** A 64-bit hash of a string, never 0 (0 marks a missing part). */
    static long hash(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static String[] transform(String[] raw, String transform, String rule) {
        UnaryOperator<String> f;
        if (transform.isEmpty()) {
            f = Text::code;
        } else if (transform.startsWith("first:")) {
            int n = Comparison.intArgument("blocking rule " + rule, transform, "first:");
            f = v -> {
                String s = Text.name(v);
                return s == null ? null : s.substring(0, Math.min(n, s.length()));
            };
        } else {
            f = switch (transform) {
                case "soundex" -> encoder(new Soundex()::soundex);
                case "metaphone" -> encoder(new Metaphone()::metaphone);
                case "soundex-fr" -> FrenchSoundex::encode;
                case "year" -> v -> v.length() >= 4 ? v.substring(0, 4) : null;
                case "yearmonth" -> v -> v.length() >= 6 ? v.substring(0, 6) : null;
                default -> throw new LinkageException("configuration: blocking rule " + rule + ": unknown transform '"
                        + transform + "'; expected first:N, soundex, soundex-fr, metaphone, year or yearmonth");
            };
        }
        String[] out = new String[raw.length];
        Map<String, String> done = new HashMap<>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == null) {
                continue;
            }
            String v = done.get(raw[i]);
            if (v == null) {
                v = f.apply(raw[i]);
                v = v == null ? "" : v;
                done.put(raw[i], v);
            }
            out[i] = v.isEmpty() ? null : v;
        }
        return out;
    }

    private static UnaryOperator<String> encoder(UnaryOperator<String> phonetic) {
        return v -> {
            String s = Text.name(v);
            return s == null ? null : phonetic.apply(s.replace(" ", ""));
        };
    }

    public int ruleCount() {
        return names.length;
    }

    public String ruleName(int r) {
        return names[r];
    }

    /** Candidate pairs the rule produces on its own (before the union with other rules). */
    public long estimatedPairs(int r) {
        return estimated[r];
    }

    /** Receives candidate pairs. */
    @FunctionalInterface
    public interface PairVisitor {
        void pair(int i, int j);
    }

    /** Visits the candidates of left record {@code i} under rule {@code r} alone (for training sessions). */
    public void candidatesOfRule(int r, int i, PairVisitor visitor) {
        int k = leftKey[r][i];
        if (k < 0) {
            return;
        }
        int[] mem = members[r];
        for (int p = start[r][k], end = start[r][k + 1]; p < end; p++) {
            int j = mem[p];
            if (!dedupe || j > i) {
                visitor.pair(i, j);
            }
        }
    }

    /**
     * Visits the candidates of left record {@code i} under rule {@code r} alone when they are at most
     * {@code maxRun} (a key that many right records share tells too little to search by), skipping
     * and marking those {@code seen} already marks with {@code i}.
     */
    public void candidatesOfRule(int r, int i, int maxRun, int[] seen, PairVisitor visitor) {
        int k = leftKey[r][i];
        if (k < 0 || start[r][k + 1] - start[r][k] > maxRun) {
            return;
        }
        int[] mem = members[r];
        for (int p = start[r][k], end = start[r][k + 1]; p < end; p++) {
            int j = mem[p];
            if (seen[j] != i && (!dedupe || j > i)) {
                seen[j] = i;
                visitor.pair(i, j);
            }
        }
    }

    /**
     * Visits every candidate of left record {@code i} once. {@code seen} is the caller's marker
     * array (one per thread, sized to the right table, filled with -1 before first use).
     */
    public void candidates(int i, int[] seen, PairVisitor visitor) {
        if (names.length == 1) {
            // one rule: no duplicates to drop, and no marker to touch per pair
            candidatesOfRule(0, i, visitor);
            return;
        }
        for (int r = 0; r < names.length; r++) {
            int k = leftKey[r][i];
            if (k < 0) {
                continue;
            }
            int[] mem = members[r];
            for (int p = start[r][k], end = start[r][k + 1]; p < end; p++) {
                int j = mem[p];
                if ((dedupe && j <= i) || seen[j] == i) {
                    continue;
                }
                seen[j] = i;
                visitor.pair(i, j);
            }
        }
    }
}

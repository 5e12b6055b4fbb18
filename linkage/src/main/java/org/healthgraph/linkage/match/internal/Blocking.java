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
        int n = rules.size();
        String[] names = new String[n];
        int[][] leftKey = new int[n][];
        int[][] start = new int[n][];
        int[][] members = new int[n][];
        long[] estimated = new long[n];
        for (int r = 0; r < n; r++) {
            BlockingRule rule = rules.get(r);
            names[r] = rule.name();
            String[] rk = keys(rule, right, dateColumns);
            String[] lk = dedupe ? rk : keys(rule, left, dateColumns);
            Map<String, Integer> ids = new HashMap<>();
            int[] rightId = new int[rk.length];
            for (int j = 0; j < rk.length; j++) {
                rightId[j] = rk[j] == null ? -1 : ids.computeIfAbsent(rk[j], k -> ids.size());
            }
            int[] counts = new int[ids.size() + 1];
            for (int id : rightId) {
                if (id >= 0) {
                    counts[id + 1]++;
                }
            }
            for (int k = 0; k < ids.size(); k++) {
                counts[k + 1] += counts[k];
            }
            int[] fill = Arrays.copyOf(counts, counts.length);
            int[] mem = new int[counts[ids.size()]];
            for (int j = 0; j < rightId.length; j++) {
                if (rightId[j] >= 0) {
                    mem[fill[rightId[j]]++] = j;
                }
            }
            int[] lid = new int[lk.length];
            long pairs = 0;
            for (int i = 0; i < lk.length; i++) {
                Integer id = lk[i] == null ? null : ids.get(lk[i]);
                lid[i] = id == null ? -1 : id;
                if (id != null) {
                    long size = counts[id + 1] - counts[id];
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
            start[r] = counts;
            members[r] = mem;
        }
        return new Blocking(names, leftKey, start, members, estimated, dedupe);
    }

    static String[] keys(BlockingRule rule, Table t, Map<String, String> dateColumns) {
        String[][] parts = new String[rule.keys().size()][];
        for (int k = 0; k < parts.length; k++) {
            String spec = rule.keys().get(k);
            int bar = spec.indexOf('|');
            String column = (bar < 0 ? spec : spec.substring(0, bar)).strip();
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
            parts[k] = transform(raw, transform, rule.name());
        }
        String[] out = new String[t.size()];
        StringBuilder sb = new StringBuilder();
        rows:
        for (int i = 0; i < out.length; i++) {
            sb.setLength(0);
            for (String[] part : parts) {
                if (part[i] == null) {
                    continue rows;
                }
                sb.append(part[i]).append('\u001f');
            }
            out[i] = sb.toString();
        }
        return out;
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
                case "year" -> v -> v.length() >= 4 ? v.substring(0, 4) : null;
                case "yearmonth" -> v -> v.length() >= 6 ? v.substring(0, 6) : null;
                default -> throw new LinkageException("configuration: blocking rule " + rule + ": unknown transform '"
                        + transform + "'; expected first:N, soundex, metaphone, year or yearmonth");
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
     * Visits every candidate of left record {@code i} once. {@code seen} is the caller's marker
     * array (one per thread, sized to the right table, filled with -1 before first use).
     */
    public void candidates(int i, int[] seen, PairVisitor visitor) {
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

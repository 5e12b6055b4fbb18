package org.healthgraph.linkage.match.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthgraph.linkage.match.LinkageConfig.Field;

/**
 * The SNDS tiered exact-match procedure, as a baseline: an exact join on every criterion, then on
 * all criteria but one (each in turn), keeping at each tier only unique matches (one left and one
 * right record sharing the key) among records not yet linked. A missing value never joins. A
 * name field with several columns on a side (birth name, usage name) joins on any of them.
 */
public final class Tiers {

    private Tiers() {
    }

    /** A link found by a tier: left index, right index, tier name. */
    public record TierLink(int left, int right, String tier) {
    }

    public static List<TierLink> link(List<Field> fields, Table left, Table right) {
        int f = fields.size();
        String[][][] lv = new String[f][][];
        String[][][] rv = new String[f][][];
        for (int k = 0; k < f; k++) {
            lv[k] = normalise(fields.get(k), left, fields.get(k).leftColumns());
            rv[k] = normalise(fields.get(k), right, fields.get(k).rightColumns());
        }
        boolean[] leftDone = new boolean[left.size()];
        boolean[] rightDone = new boolean[right.size()];
        List<TierLink> links = new ArrayList<>();
        for (int dropped = -1; dropped < f; dropped++) {
            String tier = dropped < 0 ? "all" : "without " + fields.get(dropped).name();
            Map<String, int[]> rightIndex = index(rv, rightDone, dropped);
            Map<String, int[]> leftIndex = index(lv, leftDone, dropped);
            for (Map.Entry<String, int[]> e : leftIndex.entrySet()) {
                int[] l = e.getValue();
                int[] r = rightIndex.get(e.getKey());
                if (l[0] == 1 && r != null && r[0] == 1 && !leftDone[l[1]] && !rightDone[r[1]]) {
                    links.add(new TierLink(l[1], r[1], tier));
                    leftDone[l[1]] = true;
                    rightDone[r[1]] = true;
                }
            }
        }
        return links;
    }

    /**
     * Key to {count of records, first index} over records not yet linked; a record with several
     * values of a field gives one key per combination, counted once per record.
     */
    private static Map<String, int[]> index(String[][][] values, boolean[] done, int dropped) {
        Map<String, int[]> index = new HashMap<>();
        List<String> keys = new ArrayList<>();
        List<String> next = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        rows:
        for (int i = 0; i < done.length; i++) {
            if (done[i]) {
                continue;
            }
            if (singleValued(values, dropped, i)) {
                sb.setLength(0);
                for (int k = 0; k < values.length; k++) {
                    if (k == dropped) {
                        continue;
                    }
                    String v = firstValue(values[k], i);
                    if (v == null) {
                        continue rows;
                    }
                    sb.append(v).append('\u001f');
                }
                int row = i;
                index.compute(sb.toString(), (x, v) -> v == null ? new int[] {1, row} : new int[] {v[0] + 1, v[1]});
                continue;
            }
            keys.clear();
            keys.add("");
            for (int k = 0; k < values.length; k++) {
                if (k == dropped) {
                    continue;
                }
                next.clear();
                for (String[] column : values[k]) {
                    String v = column[i];
                    if (v != null) {
                        for (String prefix : keys) {
                            String key = prefix + v + '\u001f';
                            if (!next.contains(key)) {
                                next.add(key);
                            }
                        }
                    }
                }
                if (next.isEmpty()) {
                    continue rows;
                }
                keys.clear();
                keys.addAll(next);
            }
            int row = i;
            for (String key : keys) {
                index.compute(key, (x, v) -> v == null ? new int[] {1, row} : new int[] {v[0] + 1, v[1]});
            }
        }
        return index;
    }

    /** True when record {@code i} has at most one value in each field kept (then it has one key at most). */
    private static boolean singleValued(String[][][] values, int dropped, int i) {
        for (int k = 0; k < values.length; k++) {
            if (k == dropped || values[k].length == 1) {
                continue;
            }
            int n = 0;
            for (String[] column : values[k]) {
                if (column[i] != null) {
                    n++;
                }
            }
            if (n > 1) {
                return false;
            }
        }
        return true;
    }

    private static String firstValue(String[][] columns, int i) {
        for (String[] column : columns) {
            if (column[i] != null) {
                return column[i];
            }
        }
        return null;
    }

    private static String[][] normalise(Field field, Table t, List<String> columns) {
        String[][] out = new String[columns.size()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = normalise(field, t, columns.get(c));
        }
        return out;
    }

    private static String[] normalise(Field field, Table t, String column) {
        String[] raw = t.column(column);
        return switch (field.type()) {
            case NAME -> map(raw, Text::name);
            case DATE -> {
                int[] ymd = Comparison.Dates.ymd(t, column, DateTimeFormatter.ofPattern(field.dateFormat()), field.dateFormat());
                String[] out = new String[ymd.length];
                for (int i = 0; i < ymd.length; i++) {
                    out[i] = ymd[i] == 0 ? null : Integer.toString(ymd[i]);
                }
                yield out;
            }
            default -> map(raw, Text::code);
        };
    }

    private static String[] map(String[] raw, java.util.function.UnaryOperator<String> f) {
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = f.apply(raw[i]);
        }
        return out;
    }
}

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
 * right record sharing the key) among records not yet linked. A missing value never joins.
 */
public final class Tiers {

    private Tiers() {
    }

    /** A link found by a tier: left index, right index, tier name. */
    public record TierLink(int left, int right, String tier) {
    }

    public static List<TierLink> link(List<Field> fields, Table left, Table right) {
        int f = fields.size();
        String[][] lv = new String[f][];
        String[][] rv = new String[f][];
        for (int k = 0; k < f; k++) {
            lv[k] = normalise(fields.get(k), left, fields.get(k).leftColumn());
            rv[k] = normalise(fields.get(k), right, fields.get(k).rightColumn());
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
                if (l[0] == 1 && r != null && r[0] == 1) {
                    links.add(new TierLink(l[1], r[1], tier));
                    leftDone[l[1]] = true;
                    rightDone[r[1]] = true;
                }
            }
        }
        return links;
    }

    /** Key to {count, first index} over records not yet linked. */
    private static Map<String, int[]> index(String[][] values, boolean[] done, int dropped) {
        Map<String, int[]> index = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        rows:
        for (int i = 0; i < done.length; i++) {
            if (done[i]) {
                continue;
            }
            sb.setLength(0);
            for (int k = 0; k < values.length; k++) {
                if (k == dropped) {
                    continue;
                }
                if (values[k][i] == null) {
                    continue rows;
                }
                sb.append(values[k][i]).append('\u001f');
            }
            int row = i;
            index.compute(sb.toString(), (key, v) -> v == null ? new int[] {1, row} : new int[] {v[0] + 1, v[1]});
        }
        return index;
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

package org.healthgraph.linkage.match.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageException;

/**
 * One compared field, its values pre-encoded on both sides into primitive arrays, and its levels:
 * {@link #level} gives the first level (strongest first) that a pair satisfies, the last being
 * "else", or {@link #MISSING} when either value is missing (neither agreement nor disagreement).
 */
public abstract class Comparison {

    /** Level of a pair with a missing value on either side: contributes nothing. */
    public static final int MISSING = -1;

    private final String field;
    private final String[] labels;
    /**
     * Right-side values, row-major: record j's values of this field are at
     * {@code rows[j * stride + offset + k]}. {@link #pack} puts every field of a record on one row,
     * so that scoring a pair reads one or two cache lines of the (large) right table, not one per
     * field and value.
     */
    int[] rows;
    int stride;
    int offset;

    Comparison(String field, List<String> levels) {
        this.field = field;
        List<String> all = new ArrayList<>(levels);
        all.add("else");
        this.labels = all.toArray(String[]::new);
    }

    public String field() {
        return field;
    }

    /** Level labels, the last one being {@code else}. */
    public String[] labels() {
        return labels.clone();
    }

    public int levelCount() {
        return labels.length;
    }

    /** The right-side int columns of this field, in the order its level code reads them (called once, at build). */
    abstract int[][] rightColumnsToPack();

    /** Number of int values per right record for this field. */
    int width;

    /** Stores this field's right values alone (the fields of a configuration are then packed together). */
    final void packAlone() {
        int[][] columns = rightColumnsToPack();
        width = columns.length;
        interleave(new Comparison[] {this}, new int[][][] {columns});
    }

    /** This field's right values as columns, read back from its current rows. */
    private int[][] columns() {
        int size = rows.length / stride;
        int[][] out = new int[width][size];
        for (int k = 0; k < width; k++) {
            for (int j = 0; j < size; j++) {
                out[k][j] = rows[j * stride + offset + k];
            }
        }
        return out;
    }

    /**
     * Packs the right values of all fields into one row-major array (one row per right record),
     * the layout that scoring reads.
     */
    public static void pack(Comparison[] comparisons) {
        int[][][] columns = new int[comparisons.length][][];
        for (int f = 0; f < comparisons.length; f++) {
            columns[f] = comparisons[f].columns();
        }
        interleave(comparisons, columns);
    }

    private static void interleave(Comparison[] comparisons, int[][][] columns) {
        int stride = 0;
        int size = 0;
        for (int[][] c : columns) {
            stride += c.length;
            size = c[0].length;
        }
        int[] rows = new int[Math.multiplyExact(size, stride)];
        int offset = 0;
        for (int f = 0; f < comparisons.length; f++) {
            for (int k = 0; k < columns[f].length; k++) {
                int[] column = columns[f][k];
                for (int j = 0, at = offset + k; j < size; j++, at += stride) {
                    rows[at] = column[j];
                }
            }
            comparisons[f].rows = rows;
            comparisons[f].stride = stride;
            comparisons[f].offset = offset;
            offset += columns[f].length;
        }
    }

    /** Right record {@code j}'s value number {@code k} of this field. */
    final int right(int j, int k) {
        return rows[j * stride + offset + k];
    }

    /** The level of left record {@code i} against right record {@code j}. */
    public abstract int level(int i, int j, Text.Scratch scratch);

    /** The dictionary id of right record {@code j}'s value (term frequencies), -1 when missing or not encoded. */
    public int rightValue(int j) {
        return -1;
    }

    /**
     * A number that right records agreeing at the exact level share (the dictionary id, or a date's
     * yyyymmdd), -1 when missing or when the field has no such number.
     */
    public int rightExactKey(int j) {
        return rightValue(j);
    }

    /** Number of right columns holding values of this field (more than 1 for a multi-valued name). */
    public int rightColumns() {
        return 1;
    }

    /** The dictionary id of right record {@code j}'s value in column {@code c} (0 is the main column), -1 when missing. */
    public int rightValue(int j, int c) {
        return rightValue(j);
    }

    /**
     * The dictionary id of the value on which a pair at level 0 (exact) agrees: the right value for
     * a single-valued field, the shared value for a multi-valued name.
     */
    public int agreedValue(int i, int j) {
        return rightValue(j);
    }

    /** Number of distinct values (dictionary size), 0 when values are not encoded. */
    public int distinctValues() {
        return 0;
    }

    /** The dictionary id of left record {@code i}'s value (exact and code fields), -1 when missing or not encoded. */
    public int leftValue(int i) {
        return -1;
    }

    /** The normalised value a dictionary id stands for (exact and code fields). */
    public String valueOf(int id) {
        throw new UnsupportedOperationException("field " + field + ": values are not encoded");
    }

    /** Builds the comparison of a configured field over two tables, checking that the values fit it. */
    public static Comparison build(Field f, Table left, Table right) {
        return build(f, left, right, 0, List.of(f));
    }

    /**
     * Builds the comparison of field number {@code slot} (its index in the configuration, for
     * per-thread memos); {@code fields} are all the configured fields (a {@code reversed:F} level
     * reads field F's right columns).
     */
    public static Comparison build(Field f, Table left, Table right, int slot, List<Field> fields) {
        String[] l = left.column(f.leftColumn());
        String[] r = right.column(f.rightColumn());
        return switch (f.type()) {
            case EXACT -> new Coded(f.name(), f.levels(), l, r, Text::code, List.of());
            case CODE -> new Coded(f.name(), f.levels(), l, r, Text::code, prefixes(f));
            case NAME -> new Name(f, columns(left, f.leftColumns()), columns(right, f.rightColumns()),
                    reversedColumns(f, right, fields), slot);
            case DATE -> new Dates(f, left, right);
            case NUMBER -> new Numbers(f, left, right);
        };
    }

    /** For each level {@code reversed:F} of a name field, field F's right columns (null for other levels). */
    private static String[][][] reversedColumns(Field f, Table right, List<Field> fields) {
        String[][][] out = new String[f.levels().size()][][];
        for (int k = 0; k < out.length; k++) {
            String level = f.levels().get(k).replace(" ", "");
            if (!level.startsWith(Name.REVERSED_PREFIX)) {
                continue;
            }
            String other = level.substring(Name.REVERSED_PREFIX.length());
            Field partner = fields.stream().filter(g -> g.name().equals(other)).findFirst().orElseThrow(
                    () -> new LinkageException("configuration: field " + f.name() + ": level '" + level
                            + "' names no configured field; expected reversed:<name of another name field>"));
            if (partner == f || partner.type() != LinkageConfig.FieldType.NAME) {
                throw new LinkageException("configuration: field " + f.name() + ": level '" + level
                        + "' must name another field of type name");
            }
            out[k] = columns(right, partner.rightColumns());
        }
        return out;
    }

    private static String[][] columns(Table t, List<String> names) {
        String[][] out = new String[names.size()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.column(names.get(c));
        }
        return out;
    }

    private static List<Integer> prefixes(Field f) {
        List<Integer> out = new ArrayList<>();
        for (String level : f.levels().subList(1, f.levels().size())) {
            out.add(intArgument(f.name(), level, "prefix:"));
        }
        return out;
    }

    static void requireFirstExact(String field, List<String> levels) {
        if (!levels.getFirst().equals("exact")) {
            throw new LinkageException("configuration: field " + field + ": the first level must be 'exact'");
        }
    }

    static int intArgument(String field, String level, String prefix) {
        if (!level.startsWith(prefix)) {
            throw unknownLevel(field, level, prefix + "N");
        }
        try {
            return Integer.parseInt(level.substring(prefix.length()).strip());
        } catch (NumberFormatException e) {
            throw unknownLevel(field, level, prefix + "N");
        }
    }

    static LinkageException unknownLevel(String field, String level, String expected) {
        return new LinkageException("configuration: field " + field + ": level '" + level
                + "' does not fit its type; expected " + expected);
    }

    /** Shared dictionary of normalised values: equal values get equal ids on both sides. */
    static final class Dictionary {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> values = new ArrayList<>();

        int id(String v) {
            if (v == null) {
                return -1;
            }
            Integer id = ids.get(v);
            if (id == null) {
                id = values.size();
                ids.put(v, id);
                values.add(v);
            }
            return id;
        }

        /** Encodes values, normalising each distinct raw value once. */
        int[] encode(String[] raw, java.util.function.UnaryOperator<String> norm) {
            int[] out = new int[raw.length];
            Map<String, Integer> byRaw = new HashMap<>();
            for (int i = 0; i < raw.length; i++) {
                String r = raw[i];
                if (r == null) {
                    out[i] = -1;
                    continue;
                }
                Integer id = byRaw.get(r);
                if (id == null) {
                    id = id(norm.apply(r));
                    byRaw.put(r, id);
                }
                out[i] = id;
            }
            return out;
        }
    }

    /** Exact and code comparisons: value ids, and for codes the ids of their prefixes. */
    static final class Coded extends Comparison {
        private final int[] left;
        private final int[][] leftPrefix;
        private final int distinct;
        private final List<String> values;
        private int[] right;
        private int[][] rightPrefix;

        Coded(String field, List<String> levels, String[] l, String[] r, java.util.function.UnaryOperator<String> norm,
              List<Integer> prefixLengths) {
            super(field, levels);
            requireFirstExact(field, levels);
            if (prefixLengths.isEmpty() && levels.size() > 1) {
                throw unknownLevel(field, levels.get(1), "only 'exact' for an exact field (use type code for prefix levels)");
            }
            Dictionary d = new Dictionary();
            left = d.encode(l, norm);
            right = l == r ? left : d.encode(r, norm);
            distinct = d.values.size();
            values = List.copyOf(d.values);
            leftPrefix = new int[prefixLengths.size()][];
            rightPrefix = new int[prefixLengths.size()][];
            for (int p = 0; p < prefixLengths.size(); p++) {
                int n = prefixLengths.get(p);
                Dictionary pd = new Dictionary();
                leftPrefix[p] = pd.encode(l, v -> prefix(norm.apply(v), n));
                rightPrefix[p] = l == r ? leftPrefix[p] : pd.encode(r, v -> prefix(norm.apply(v), n));
            }
            packAlone();
        }

        @Override
        int[][] rightColumnsToPack() {
            int[][] out = new int[1 + rightPrefix.length][];
            out[0] = right;
            System.arraycopy(rightPrefix, 0, out, 1, rightPrefix.length);
            right = null;
            rightPrefix = null;
            return out;
        }

        private static String prefix(String v, int n) {
            return v == null ? null : v.substring(0, Math.min(n, v.length()));
        }

        @Override
        public int level(int i, int j, Text.Scratch scratch) {
            int a = left[i];
            int at = j * stride + offset;
            int b = rows[at];
            if (a < 0 || b < 0) {
                return MISSING;
            }
            if (a == b) {
                return 0;
            }
            for (int p = 0; p < leftPrefix.length; p++) {
                if (leftPrefix[p][i] == rows[at + 1 + p]) {
                    return p + 1;
                }
            }
            return leftPrefix.length + 1;
        }

        @Override
        public int rightValue(int j) {
            return right(j, 0);
        }

        @Override
        public int distinctValues() {
            return distinct;
        }

        @Override
        public int leftValue(int i) {
            return left[i];
        }

        @Override
        public String valueOf(int id) {
            return values.get(id);
        }
    }

    /**
     * Names: exact, Jaro-Winkler, Damerau-Levenshtein, French phonetic ({@link FrenchSoundex}) and
     * equivalence-table ({@link NameEquivalences}) levels on normalised (accent-free) text, and
     * {@code reversed:F}: this field's left value equals one of field F's right values (first
     * name and surname swapped between the columns).
     * A side may hold several columns (a birth name and a usage name): the pair takes the best
     * level over every non-missing value of one side against every non-missing value of the other,
     * and is missing only when one side has no value at all.
     */
    static final class Name extends Comparison {
        static final String REVERSED_PREFIX = "reversed:";
        private static final int EXACT = 0;
        private static final int JW = 1;
        private static final int DL = 2;
        private static final int SOUNDEX_FR = 3;
        private static final int EQUIVALENT = 4;
        private static final int REVERSED = 5;

        private final int[] left;
        private final int[][] lefts;
        private final int rightCount;
        private int[][] rights;
        private final boolean multi;
        private final char[][] text;
        private final int[] kind;
        private final double[] arg;
        private final int slot;
        private final int[] phonetic;
        /** Per name value: the ids of its roots in the equivalence table, sorted (null without an equivalent level). */
        private final int[][] roots;
        /** Per compound name value: the sorted ids of its words' roots (null for a single name). */
        private final int[][] wordRoots;
        /** Per level: where its reversed columns start in the packed row, and how many there are. */
        private final int[] reversedFrom;
        private final int[] reversedCount;
        private final int firstReversed;

        Name(Field f, String[][] l, String[][] r, String[][][] reversed, int slot) {
            super(f.name(), f.levels());
            String field = f.name();
            List<String> levels = f.levels();
            this.slot = slot;
            kind = new int[levels.size()];
            arg = new double[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                String s = levels.get(k).replace(" ", "");
                if (s.equals("exact")) {
                    kind[k] = EXACT;
                } else if (s.startsWith("jaro-winkler>=")) {
                    kind[k] = JW;
                    arg[k] = number(field, levels.get(k), s.substring("jaro-winkler>=".length()));
                } else if (s.startsWith("damerau-levenshtein<=")) {
                    kind[k] = DL;
                    arg[k] = number(field, levels.get(k), s.substring("damerau-levenshtein<=".length()));
                } else if (s.equals("soundex-fr")) {
                    kind[k] = SOUNDEX_FR;
                } else if (s.equals("equivalent")) {
                    kind[k] = EQUIVALENT;
                } else if (s.startsWith(REVERSED_PREFIX)) {
                    kind[k] = REVERSED;
                } else {
                    throw unknownLevel(field, levels.get(k),
                            "exact, jaro-winkler>=X, damerau-levenshtein<=N, soundex-fr, equivalent or reversed:<field>");
                }
            }
            Dictionary d = new Dictionary();
            lefts = new int[l.length][];
            for (int c = 0; c < l.length; c++) {
                lefts[c] = d.encode(l[c], Text::name);
            }
            List<int[]> packed = new ArrayList<>();
            for (String[] column : r) {
                int same = indexOf(l, column);
                packed.add(same >= 0 ? lefts[same] : d.encode(column, Text::name));
            }
            rightCount = packed.size();
            reversedFrom = new int[levels.size()];
            reversedCount = new int[levels.size()];
            int first = -1;
            for (int k = 0; k < levels.size(); k++) {
                if (kind[k] != REVERSED) {
                    continue;
                }
                first = first < 0 ? k : first;
                reversedFrom[k] = packed.size();
                reversedCount[k] = reversed[k].length;
                for (String[] column : reversed[k]) {
                    packed.add(d.encode(column, Text::name));
                }
            }
            firstReversed = first;
            rights = packed.toArray(int[][]::new);
            left = lefts[0];
            multi = lefts.length > 1 || rightCount > 1;
            text = new char[d.values.size()][];
            for (int v = 0; v < text.length; v++) {
                text[v] = d.values.get(v).toCharArray();
            }
            // French phonetic code of each distinct name, as a dictionary id (-1 when it has none)
            if (java.util.Arrays.stream(kind).anyMatch(k -> k == SOUNDEX_FR)) {
                Dictionary codes = new Dictionary();
                phonetic = new int[text.length];
                for (int v = 0; v < text.length; v++) {
                    phonetic[v] = codes.id(FrenchSoundex.encode(d.values.get(v)));
                }
            } else {
                phonetic = null;
            }
            if (java.util.Arrays.stream(kind).anyMatch(k -> k == EQUIVALENT)) {
                NameEquivalences table = NameEquivalences.load(f.equivalences().isEmpty()
                        ? List.of(NameEquivalences.BUILTIN) : f.equivalences());
                roots = new int[text.length][];
                wordRoots = new int[text.length][];
                Dictionary rootIds = new Dictionary();
                for (int v = 0; v < text.length; v++) {
                    String name = d.values.get(v);
                    roots[v] = ids(table.roots(name), rootIds);
                    if (name.indexOf(' ') > 0) {
                        java.util.Set<String> words = new java.util.TreeSet<>();
                        for (String w : name.split(" ")) {
                            words.addAll(List.of(table.roots(w)));
                        }
                        wordRoots[v] = ids(words.toArray(String[]::new), rootIds);
                    }
                }
            } else {
                roots = null;
                wordRoots = null;
            }
            packAlone();
        }

        private static int[] ids(String[] names, Dictionary d) {
            int[] out = new int[names.length];
            for (int k = 0; k < names.length; k++) {
                out[k] = d.id(names[k]);
            }
            java.util.Arrays.sort(out);
            return out;
        }

        @Override
        int[][] rightColumnsToPack() {
            int[][] out = rights;
            rights = null;
            return out;
        }

        private static int indexOf(String[][] columns, String[] column) {
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] == column) {
                    return c;
                }
            }
            return -1;
        }

        private static double number(String field, String level, String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw unknownLevel(field, level, "a number after the comparison sign");
            }
        }

        @Override
        public int level(int i, int j, Text.Scratch scratch) {
            int best;
            if (multi) {
                best = bestLevel(i, j, scratch);
            } else {
                int a = left[i];
                int b = rows[j * stride + offset];
                if (a < 0 || b < 0) {
                    return MISSING;
                }
                best = pairLevel(a, b, scratch);
            }
            if (firstReversed >= 0 && best > firstReversed && best != MISSING) {
                return Math.min(best, reversedLevel(i, j, best));
            }
            return best;
        }

        /** The first reversed level below {@code limit} that the pair satisfies, else {@code limit}. */
        private int reversedLevel(int i, int j, int limit) {
            int at = j * stride + offset;
            for (int k = firstReversed; k < limit; k++) {
                if (kind[k] != REVERSED) {
                    continue;
                }
                for (int[] lc : lefts) {
                    int a = lc[i];
                    if (a < 0) {
                        continue;
                    }
                    for (int c = reversedFrom[k], end = c + reversedCount[k]; c < end; c++) {
                        if (rows[at + c] == a) {
                            return k;
                        }
                    }
                }
            }
            return limit;
        }

        private int bestLevel(int i, int j, Text.Scratch scratch) {
            int best = MISSING;
            int at = j * stride + offset;
            for (int[] lc : lefts) {
                int a = lc[i];
                if (a < 0) {
                    continue;
                }
                for (int c = 0; c < rightCount; c++) {
                    int b = rows[at + c];
                    if (b < 0) {
                        continue;
                    }
                    int l = pairLevel(a, b, scratch);
                    if (best < 0 || l < best) {
                        best = l;
                        if (best == 0) {
                            return 0;
                        }
                    }
                }
            }
            return best;
        }

        private int pairLevel(int a, int b, Text.Scratch scratch) {
            if (a == b) {
                return levelOf(a, b, scratch);
            }
            // Candidates of one left record share few distinct right names (name frequencies are
            // skewed): remember each right name's level for the current left name.
            int[] stamp = scratch.memoStamp(this, slot, text.length);
            int[] memo = scratch.memoLevel(this, slot, text.length);
            if (stamp[b] != a + 1) {
                stamp[b] = a + 1;
                memo[b] = levelOf(a, b, scratch);
            }
            return memo[b];
        }

        /** The first level that the two values satisfy, reversed levels aside (they concern other columns). */
        private int levelOf(int a, int b, Text.Scratch scratch) {
            double jw = -1;
            for (int k = 0; k < kind.length; k++) {
                switch (kind[k]) {
                    case EXACT -> {
                        if (a == b) {
                            return k;
                        }
                    }
                    case JW -> {
                        if (jw < 0) {
                            jw = a == b ? 1 : Text.jaroWinkler(text[a], text[b], scratch);
                        }
                        if (jw >= arg[k]) {
                            return k;
                        }
                    }
                    case SOUNDEX_FR -> {
                        if (a == b || (phonetic[a] >= 0 && phonetic[a] == phonetic[b])) {
                            return k;
                        }
                    }
                    case EQUIVALENT -> {
                        if (a == b || equivalent(a, b)) {
                            return k;
                        }
                    }
                    case REVERSED -> {
                        // decided by reversedLevel, from the other field's columns
                    }
                    default -> {
                        int limit = (int) arg[k];
                        if (a == b || Text.damerauLevenshtein(text[a], text[b], limit, scratch) <= limit) {
                            return k;
                        }
                    }
                }
            }
            return kind.length;
        }

        /** Same root in the table, or a compound name against a single name equivalent to one of its words. */
        private boolean equivalent(int a, int b) {
            if (shares(roots[a], roots[b])) {
                return true;
            }
            if (wordRoots[a] != null && wordRoots[b] == null) {
                return shares(wordRoots[a], roots[b]);
            }
            if (wordRoots[b] != null && wordRoots[a] == null) {
                return shares(wordRoots[b], roots[a]);
            }
            return false;
        }

        private static boolean shares(int[] x, int[] y) {
            int i = 0;
            int j = 0;
            while (i < x.length && j < y.length) {
                if (x[i] == y[j]) {
                    return true;
                }
                if (x[i] < y[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return false;
        }

        @Override
        public int rightValue(int j) {
            return right(j, 0);
        }

        @Override
        public int rightColumns() {
            return rightCount;
        }

        @Override
        public int rightValue(int j, int c) {
            return right(j, c);
        }

        @Override
        public int agreedValue(int i, int j) {
            if (!multi) {
                return right(j, 0);
            }
            for (int c = 0; c < rightCount; c++) {
                int b = right(j, c);
                if (b < 0) {
                    continue;
                }
                for (int[] lc : lefts) {
                    if (lc[i] == b) {
                        return b;
                    }
                }
            }
            return right(j, 0);
        }

        @Override
        public int distinctValues() {
            return text.length;
        }
    }

    /** Dates: exact, day/month swapped, one year apart (same day and month), within N days, same year-month, same year. */
    static final class Dates extends Comparison {
        private static final int EXACT = 0;
        private static final int SWAP = 1;
        private static final int WITHIN = 2;
        private static final int YEAR_MONTH = 3;
        private static final int YEAR = 4;
        private static final int ONE_YEAR_APART = 5;

        private final int[] leftDay;
        private final int[] leftYmd;
        private int[] rightDay;
        private int[] rightYmd;
        private final int[] kind;
        private final int[] arg;

        Dates(Field f, Table l, Table r) {
            super(f.name(), f.levels());
            kind = new int[f.levels().size()];
            arg = new int[f.levels().size()];
            for (int k = 0; k < kind.length; k++) {
                String s = f.levels().get(k).replace(" ", "");
                switch (s) {
                    case "exact" -> kind[k] = EXACT;
                    case "day-month-swap" -> kind[k] = SWAP;
                    case "same-year-month" -> kind[k] = YEAR_MONTH;
                    case "same-year" -> kind[k] = YEAR;
                    case "one-year-apart" -> kind[k] = ONE_YEAR_APART;
                    default -> {
                        if (!s.startsWith("within-days:")) {
                            throw unknownLevel(f.name(), f.levels().get(k),
                                    "exact, day-month-swap, one-year-apart, within-days:N, same-year-month or same-year");
                        }
                        kind[k] = WITHIN;
                        arg[k] = intArgument(f.name(), s, "within-days:");
                    }
                }
            }
            DateTimeFormatter fmt = formatter(f);
            leftYmd = ymd(l, f.leftColumn(), fmt, f.dateFormat());
            rightYmd = l == r && f.leftColumn().equals(f.rightColumn()) ? leftYmd : ymd(r, f.rightColumn(), fmt, f.dateFormat());
            leftDay = days(leftYmd);
            rightDay = leftYmd == rightYmd ? leftDay : days(rightYmd);
            packAlone();
        }

        @Override
        int[][] rightColumnsToPack() {
            int[][] out = {rightYmd, rightDay};
            rightYmd = null;
            rightDay = null;
            return out;
        }

        static DateTimeFormatter formatter(Field f) {
            try {
                return DateTimeFormatter.ofPattern(f.dateFormat());
            } catch (IllegalArgumentException e) {
                throw new LinkageException("configuration: field " + f.name() + ": format is not a date pattern");
            }
        }

        /** Dates as yyyymmdd integers, 0 when missing; fails naming file, line and column on a bad value. */
        static int[] ymd(Table t, String column, DateTimeFormatter fmt, String pattern) {
            String[] raw = t.column(column);
            int[] out = new int[raw.length];
            boolean iso = "yyyy-MM-dd".equals(pattern);
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == null) {
                    continue;
                }
                try {
                    if (iso && raw[i].length() == 10 && raw[i].charAt(4) == '-' && raw[i].charAt(7) == '-') {
                        out[i] = isoYmd(raw[i]);
                        if (out[i] > 0) {
                            continue;
                        }
                    }
                    LocalDate d = LocalDate.parse(raw[i], fmt);
                    out[i] = d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
                } catch (DateTimeException e) {
                    throw new LinkageException(t.source() + " line " + (i + 2) + ", column " + column
                            + ": not a date in format " + pattern + " (the field is compared as a date)");
                }
            }
            return out;
        }

        /** yyyymmdd of a well-formed ISO date with a valid day of month, 0 otherwise (then parsed the slow way). */
        private static int isoYmd(String s) {
            int y = 0;
            int m = 0;
            int d = 0;
            for (int k = 0; k < 10; k++) {
                if (k == 4 || k == 7) {
                    continue;
                }
                int c = s.charAt(k) - '0';
                if (c < 0 || c > 9) {
                    return 0;
                }
                if (k < 4) {
                    y = y * 10 + c;
                } else if (k < 7) {
                    m = m * 10 + c;
                } else {
                    d = d * 10 + c;
                }
            }
            if (m < 1 || m > 12 || d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
                return 0;
            }
            return y * 10000 + m * 100 + d;
        }

        private static int[] days(int[] ymd) {
            int[] out = new int[ymd.length];
            for (int i = 0; i < ymd.length; i++) {
                int v = ymd[i];
                out[i] = v == 0 ? Integer.MIN_VALUE : (int) LocalDate.of(v / 10000, v / 100 % 100, v % 100).toEpochDay();
            }
            return out;
        }

        @Override
        public int rightExactKey(int j) {
            int ymd = right(j, 0);
            return ymd == 0 ? -1 : ymd;
        }

        @Override
        public int level(int i, int j, Text.Scratch scratch) {
            int a = leftYmd[i];
            int at = j * stride + offset;
            int b = rows[at];
            if (a == 0 || b == 0) {
                return MISSING;
            }
            for (int k = 0; k < kind.length; k++) {
                boolean ok = switch (kind[k]) {
                    case EXACT -> a == b;
                    case SWAP -> a / 10000 == b / 10000 && a / 100 % 100 == b % 100 && a % 100 == b / 100 % 100;
                    case WITHIN -> Math.abs(leftDay[i] - rows[at + 1]) <= arg[k];
                    case YEAR_MONTH -> a / 100 == b / 100;
                    case ONE_YEAR_APART -> a % 10000 == b % 10000 && Math.abs(a / 10000 - b / 10000) == 1;
                    default -> a / 10000 == b / 10000;
                };
                if (ok) {
                    return k;
                }
            }
            return kind.length;
        }
    }

    /** Numbers: exact, or within absolute tolerances. */
    static final class Numbers extends Comparison {
        private final double[] left;
        private final double[] tolerance;
        private double[] right;

        Numbers(Field f, Table l, Table r) {
            super(f.name(), f.levels());
            tolerance = new double[f.levels().size()];
            for (int k = 0; k < tolerance.length; k++) {
                String s = f.levels().get(k).replace(" ", "");
                if (s.equals("exact")) {
                    tolerance[k] = 0;
                } else if (s.startsWith("within:")) {
                    try {
                        tolerance[k] = Double.parseDouble(s.substring("within:".length()));
                    } catch (NumberFormatException e) {
                        throw unknownLevel(f.name(), s, "exact or within:X");
                    }
                } else {
                    throw unknownLevel(f.name(), s, "exact or within:X");
                }
            }
            left = parse(l, f.leftColumn());
            right = l == r && f.leftColumn().equals(f.rightColumn()) ? left : parse(r, f.rightColumn());
            packAlone();
        }

        /** A double as its raw bits, high and low halves. */
        @Override
        int[][] rightColumnsToPack() {
            int[] high = new int[right.length];
            int[] low = new int[right.length];
            for (int j = 0; j < right.length; j++) {
                long bits = Double.doubleToRawLongBits(right[j]);
                high[j] = (int) (bits >>> 32);
                low[j] = (int) bits;
            }
            right = null;
            return new int[][] {high, low};
        }

        private static double[] parse(Table t, String column) {
            String[] raw = t.column(column);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == null) {
                    out[i] = Double.NaN;
                    continue;
                }
                try {
                    out[i] = Double.parseDouble(raw[i].replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new LinkageException(t.source() + " line " + (i + 2) + ", column " + column
                            + ": not a number (the field is compared as a number)");
                }
            }
            return out;
        }

        @Override
        public int level(int i, int j, Text.Scratch scratch) {
            double a = left[i];
            int at = j * stride + offset;
            double b = Double.longBitsToDouble((long) rows[at] << 32 | (rows[at + 1] & 0xFFFFFFFFL));
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return MISSING;
            }
            double d = Math.abs(a - b);
            for (int k = 0; k < tolerance.length; k++) {
                if (d <= tolerance[k]) {
                    return k;
                }
            }
            return tolerance.length;
        }
    }
}

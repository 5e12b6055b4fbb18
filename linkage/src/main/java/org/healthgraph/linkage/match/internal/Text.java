package org.healthgraph.linkage.match.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text normalisation and the string metrics of name comparisons, allocation-free on char arrays. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_LETTERS = Pattern.compile("[^A-Z ]+");

    private Text() {
    }

    /** Upper case without accents; letters and single spaces only (hyphens and apostrophes become spaces). */
    public static String name(String s) {
        if (s == null) {
            return null;
        }
        if (isPlainUpper(s)) {
            return s.isEmpty() ? null : s;
        }
        String t = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toUpperCase(Locale.ROOT);
        t = NON_LETTERS.matcher(t.replace('-', ' ').replace('\'', ' ')).replaceAll("").strip().replaceAll(" +", " ");
        return t.isEmpty() ? null : t;
    }

    /** True for non-empty text of A-Z and single inner spaces only (already normalised). */
    private static boolean isPlainUpper(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? s.charAt(i - 1) == ' ' : c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Upper case without accents, stripped, without dots and spaces: the normalisation of exact and
     * code fields and of plain blocking keys (a participant who types Frédéric and a register that
     * writes FREDERIC share the key).
     */
    public static String code(String s) {
        if (s == null) {
            return null;
        }
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (plain) {
            return s.isEmpty() ? null : s;
        }
        String t = MARKS.matcher(Normalizer.normalize(s.strip(), Normalizer.Form.NFD)).replaceAll("")
                .toUpperCase(Locale.ROOT).replace(".", "").replace(" ", "");
        return t.isEmpty() ? null : t;
    }

    /** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters), as in Apache Commons Text. */
    public static double jaroWinkler(char[] a, char[] b, Scratch s) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int range = Math.max(0, Math.max(a.length, b.length) / 2 - 1);
        boolean[] ma = s.flagsA(a.length);
        boolean[] mb = s.flagsB(b.length);
        int matches = 0;
        for (int i = 0; i < a.length; i++) {
            int lo = Math.max(0, i - range);
            int hi = Math.min(b.length - 1, i + range);
            for (int j = lo; j <= hi; j++) {
                if (!mb[j] && a[i] == b[j]) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int t = 0;
        for (int i = 0, k = 0; i < a.length; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a[i] != b[k]) {
                    t++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / a.length + m / b.length + (m - t / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(a.length, b.length)) && a[i] == b[i]; i++) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /**
     * Damerau-Levenshtein distance in its optimal-string-alignment form (insertions, deletions,
     * substitutions, adjacent transpositions), returning {@code limit + 1} as soon as it must exceed {@code limit}.
     */
    public static int damerauLevenshtein(char[] a, char[] b, int limit, Scratch s) {
        int n = a.length;
        int m = b.length;
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int[] prev2 = s.row0(m + 1);
        int[] prev = s.row1(m + 1);
        int[] cur = s.row2(m + 1);
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], limit + 1);
    }

    /** Per-thread working memory of the metrics, so that comparing a pair allocates nothing. */
    public static final class Scratch {
        private boolean[] fa = new boolean[64];
        private boolean[] fb = new boolean[64];
        private int[] r0 = new int[64];
        private int[] r1 = new int[64];
        private int[] r2 = new int[64];
        private int[][] memoStamp = new int[0][];
        private int[][] memoLevel = new int[0][];

        private Object[] memoOwner = new Object[0];

        /**
         * Per-comparison memo of levels by right value id, valid while its stamp equals the left
         * value id + 1; cleared when another comparison takes the slot.
         */
        int[] memoStamp(Object owner, int slot, int size) {
            ensureMemo(owner, slot, size);
            return memoStamp[slot];
        }

        int[] memoLevel(Object owner, int slot, int size) {
            ensureMemo(owner, slot, size);
            return memoLevel[slot];
        }

        private void ensureMemo(Object owner, int slot, int size) {
            if (memoStamp.length <= slot) {
                memoStamp = java.util.Arrays.copyOf(memoStamp, slot + 1);
                memoLevel = java.util.Arrays.copyOf(memoLevel, slot + 1);
                memoOwner = java.util.Arrays.copyOf(memoOwner, slot + 1);
            }
            if (memoOwner[slot] != owner || memoStamp[slot].length < size) {
                memoStamp[slot] = new int[size];
                memoLevel[slot] = new int[size];
                memoOwner[slot] = owner;
            }
        }

        boolean[] flagsA(int n) {
            if (fa.length < n) {
                fa = new boolean[n * 2];
            }
            java.util.Arrays.fill(fa, 0, n, false);
            return fa;
        }

        boolean[] flagsB(int n) {
            if (fb.length < n) {
                fb = new boolean[n * 2];
            }
            java.util.Arrays.fill(fb, 0, n, false);
            return fb;
        }

        int[] row0(int n) {
            if (r0.length < n) {
                r0 = new int[n * 2];
            }
            return r0;
        }

        int[] row1(int n) {
            if (r1.length < n) {
                r1 = new int[n * 2];
            }
            return r1;
        }

        int[] row2(int n) {
            if (r2.length < n) {
                r2 = new int[n * 2];
            }
            return r2;
        }
    }
}

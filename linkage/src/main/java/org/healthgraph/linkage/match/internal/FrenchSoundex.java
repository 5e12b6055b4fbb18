package org.healthgraph.linkage.match.internal;

/**
 * Soundex2, the French adaptation of Soundex (Frédéric Brouard, published on sqlpro.developpez.com,
 * and implemented in PHP by Frédéric Bouchery): four characters coding how a French name sounds.
 * No library on Maven Central implements it; Apache Commons Codec's Beider-Morse with French rules
 * was measured instead and rejected for blocking and comparison: about 0.3 ms per name, up to 20
 * alternative codes per name, and LEFEBVRE/LEFEVRE or FRANCOIS/FRANSOIS share no code.
 *
 * <p>Steps, on the normalised name (Ç read as S, then upper case, no accents, letters only): GUI→KI, GUE→KE, GA→KA,
 * GO→KO, GU→K, CA→KA, CO→KO, CU→KU, Q→K, CC→K, CK→K; every vowel but Y, except a first letter,
 * becomes A; KN→NN, PH→FF, PF→FF, MAC→MCC, SCH→SSS, ASA→AZA; H dropped unless after C or S; Y
 * dropped unless after A; a final A, T, D or S dropped; every A but a first letter dropped; runs of
 * a repeated letter kept once; the first four characters kept. One deviation: a run of three
 * repeated letters becomes one letter (the PHP regular expression leaves two).
 */
public final class FrenchSoundex {

    private static final String[][] PRIMARY = {{"GUI", "KI"}, {"GUE", "KE"}, {"GA", "KA"}, {"GO", "KO"}, {"GU", "K"},
        {"CA", "KA"}, {"CO", "KO"}, {"CU", "KU"}, {"Q", "K"}, {"CC", "K"}, {"CK", "K"}};
    private static final String[][] GROUPS = {{"KN", "NN"}, {"PH", "FF"}, {"PF", "FF"}, {"MAC", "MCC"}, {"SCH", "SSS"},
        {"ASA", "AZA"}};

    private FrenchSoundex() {
    }

    /** The Soundex2 code of a name (four characters at most), or null when the name has no letter. */
    public static String encode(String name) {
        // a cedilla makes C sound S; the normalisation would drop it
        String s = Text.name(name == null ? null : name.replace('ç', 's').replace('Ç', 'S'));
        if (s == null) {
            return null;
        }
        s = s.replace(" ", "");
        if (s.length() == 1) {
            return s;
        }
        s = replaceAll(s, PRIMARY);
        StringBuilder b = new StringBuilder(s);
        for (int i = 1; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == 'E' || c == 'I' || c == 'O' || c == 'U') {
                b.setCharAt(i, 'A');
            }
        }
        s = replaceAll(b.toString(), GROUPS);
        b.setLength(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char before = i > 0 ? s.charAt(i - 1) : 0;
            if ((c == 'H' && before != 'C' && before != 'S') || (c == 'Y' && before != 'A')) {
                continue;
            }
            b.append(c);
        }
        int last = b.length() - 1;
        if (last > 0 && "ATDS".indexOf(b.charAt(last)) >= 0) {
            b.setLength(last);
        }
        StringBuilder out = new StringBuilder(4);
        for (int i = 0; i < b.length() && out.length() < 4; i++) {
            char c = b.charAt(i);
            if (i > 0 && c == 'A') {
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) == c) {
                continue;
            }
            out.append(c);
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String replaceAll(String s, String[][] pairs) {
        for (String[] p : pairs) {
            if (s.contains(p[0])) {
                s = s.replace(p[0], p[1]);
            }
        }
        return s;
    }
}

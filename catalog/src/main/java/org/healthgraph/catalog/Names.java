package org.healthgraph.catalog;

import java.util.regex.Pattern;

/** Validation rules shared by the identifier types. */
final class Names {

    /** Letters, digits, '_' and '-', starting with a letter, a digit or '_': no '.' nor ':' (the key separators). */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_\\-]{0,127}");

    private Names() {
    }

    static String identifier(String value, String what) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new InvalidCatalogInputException(what + " " + quoted(value) + " must be 1 to 128 letters, digits, '_' or '-'"
                    + " (no spaces, '.' or ':'), starting with a letter, a digit or '_'");
        }
        return value;
    }

    static String text(String value, String what, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCatalogInputException(what + " " + quoted(value) + " must be non-blank text of at most " + max
                    + " characters, without control characters");
        }
        return value;
    }

    /** Longest part of a rejected value a message repeats: enough to find it in its file, never a whole text. */
    static final int QUOTED = 40;

    /**
     * {@code value} in quotes, cut to {@value #QUOTED} characters (with its length when cut), control
     * characters shown as '?': a message never repeats a long input (a fuzzer's 64 NUL bytes in a
     * variable name were repeated whole).
     */
    static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "... (" + value.length() + " characters)";
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

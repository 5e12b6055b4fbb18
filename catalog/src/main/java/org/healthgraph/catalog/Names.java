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
            throw new InvalidCatalogInputException(what + " '" + value + "' must be 1 to 128 letters, digits, '_' or '-'"
                    + " (no spaces, '.' or ':'), starting with a letter, a digit or '_'");
        }
        return value;
    }

    static String text(String value, String what, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCatalogInputException(what + " '" + value + "' must be non-blank text of at most " + max
                    + " characters, without control characters");
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

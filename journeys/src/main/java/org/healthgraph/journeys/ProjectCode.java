package org.healthgraph.journeys;

import java.util.regex.Pattern;

import org.healthgraph.graph.ErrorKind;

/**
 * An approved study's code (a "projet" in the SNDS sense): the patients of an extraction are imported
 * into it, and an analyst reads patient-level data only of the projects granted to them. A code is
 * not patient-level data: it may appear in messages and in the audit trail.
 */
public record ProjectCode(String value) implements Comparable<ProjectCode> {

    /** The grant that covers every project (an administrator's or a machine client's). */
    public static final String EVERY_PROJECT = "*";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");

    public ProjectCode {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "a project code must be 1 to 64 letters, digits, '_', '.'"
                    + " or '-', starting with a letter or digit, got '" + shown(value) + "'");
        }
    }

    /** The code of {@code value}; a bad one is refused naming {@code where} (an argument or a field). */
    public static ProjectCode of(String value, String where) {
        try {
            return new ProjectCode(value);
        } catch (JourneyException e) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, where + ": " + e.getMessage());
        }
    }

    private static String shown(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 70 ? value.substring(0, 70) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public int compareTo(ProjectCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

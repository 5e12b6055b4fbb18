package org.healthgraph.importers.snds;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules the values of an extract follow, checked strictly: a value that breaks one is a
 * {@link BadValue} of its column (the row is left out and reported), never a silent 0, null or
 * truncated code. A blank value stays allowed (unknown) wherever the tables allow it.
 */
final class SndsValues {

    static final String BIRTH_YEAR = "a birth year is four digits, from 1800 to 2199";
    static final String BIRTH_MONTH = "a birth month is 1 to 12 (0 or 99: unknown), or YYYY-MM";
    static final String SEX = "a sex code is 1, 2, 9 or 0";
    static final String DEPARTMENT = "a département code is two or three characters, digits or 2A/2B (02A/02B)";
    static final String ICD10 = "an ICD-10 code is a letter, two digits and at most five more letters, digits, '+' or '*'"
            + " (a dot allowed after the third character)";
    static final String CIP = "a CIP code is 13 digits (or 7, the former CIP)";
    static final String ATC = "an ATC code is a letter then digits and letters as in A10BA02 (1 to 7 characters)";
    static final String QUANTITY = "a quantity is a whole number of at most nine digits, with an optional minus sign";

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{1,2}");
    private static final Pattern DEPT = Pattern.compile("[0-9]{2,3}|0?2[AB]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ICD = Pattern.compile("[A-Z][0-9]{2}\\.?[0-9A-Z+*]{0,5}");
    private static final Pattern CIP_CODE = Pattern.compile("[0-9]{13}|[0-9]{7}");
    private static final Pattern ATC_CODE = Pattern.compile("[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

    private SndsValues() {
    }

    /** The birth year, 0 when blank. */
    static int birthYear(String v, String column) {
        if (v.isEmpty()) {
            return 0;
        }
        if (!YEAR.matcher(v).matches()) {
            throw new BadValue(column, BIRTH_YEAR);
        }
        int y = Integer.parseInt(v);
        if (y < 1800 || y > 2199) {
            throw new BadValue(column, BIRTH_YEAR);
        }
        return y;
    }

    /** The birth month 1-12, 0 when blank or unknown (0, 99). */
    static int birthMonth(String value, String column) {
        String v = value.length() == 7 && value.charAt(4) == '-' && YEAR.matcher(value.substring(0, 4)).matches()
                ? value.substring(5) : value;
        if (v.isEmpty()) {
            return 0;
        }
        if (!MONTH.matcher(v).matches()) {
            throw new BadValue(column, BIRTH_MONTH);
        }
        int m = Integer.parseInt(v);
        if (m == 99 || m == 0) {
            return 0;
        }
        if (m > 12) {
            throw new BadValue(column, BIRTH_MONTH);
        }
        return m;
    }

    /** The sex code, 0 when blank. */
    static int sex(String v, String column) {
        return switch (v) {
            case "" -> 0;
            case "0", "1", "2", "9" -> v.charAt(0) - '0';
            default -> throw new BadValue(column, SEX);
        };
    }

    /** The département code as written, "" when blank. */
    static String department(String v, String column) {
        if (!v.isEmpty() && !DEPT.matcher(v).matches()) {
            throw new BadValue(column, DEPARTMENT);
        }
        return v;
    }

    /** The ICD-10 code without its dot, upper case; "" when blank. */
    static String icd10(String value, String column) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            return "";
        }
        if (!ICD.matcher(v).matches()) {
            throw new BadValue(column, ICD10);
        }
        return v.replace(".", "");
    }

    /** The CIP code as written, "" when blank. */
    static String cip(String v, String column) {
        if (!v.isEmpty() && !CIP_CODE.matcher(v).matches()) {
            throw new BadValue(column, CIP);
        }
        return v;
    }

    /** The ATC code as written, "" when blank. */
    static String atc(String v, String column) {
        if (!v.isEmpty() && !ATC_CODE.matcher(v).matches()) {
            throw new BadValue(column, ATC);
        }
        return v;
    }

    /** A whole number, 0 when blank. */
    static int quantity(String v, String column) {
        if (v.isEmpty()) {
            return 0;
        }
        if (!INTEGER.matcher(v).matches()) {
            throw new BadValue(column, QUANTITY);
        }
        return Integer.parseInt(v);
    }
}

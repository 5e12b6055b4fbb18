package org.healthgraph.importers.snds;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Dates as SNDS extracts write them: ISO (2023-03-05), SAS DDMMMYYYY (05MAR2023, with an optional time), DD/MM/YYYY. */
final class SndsDates {

    // STRICT, with 'uuuu' (the proleptic year: 'yyyy' is the year of an era, which STRICT cannot
    // resolve without one): 31/02/2023 is an error, not 28/02/2023 as the default SMART style made it.
    private static final DateTimeFormatter SAS = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMuuuu").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    /** The rule a date breaks. */
    static final String RULE = "a date must exist and be written ISO (2023-03-05), DDMMMYYYY (05MAR2023), DD/MM/YYYY or"
            + " YYYYMMDD, with a year from " + 1900 + " to " + 2199;

    /** A placeholder date. */
    static final LocalDate EPOCH = LocalDate.EPOCH;

    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2199;
    private static final long FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1).toEpochDay();
    /** One instance per day: tens of millions of events share a few thousand dates. */
    private static final AtomicReferenceArray<LocalDate> DAYS =
            new AtomicReferenceArray<>((int) (LocalDate.of(LAST_YEAR, 12, 31).toEpochDay() - FIRST_DAY + 1));

    private SndsDates() {
    }

    /**
     * The date in a field, or null when blank: ISO dates are read from the characters without a
     * string; other formats go through {@link #parse(String, String)}.
     */
    static LocalDate parse(CsvTable.Row r, int column, String name) {
        int n = r.length(column);
        if (n == 0) {
            return null;
        }
        int p = r.start(column);
        if (n == 10 && r.charAt(p + 4) == '-' && r.charAt(p + 7) == '-') {
            int y = digits(r, p, 4);
            int m = digits(r, p + 5, 2);
            int d = digits(r, p + 8, 2);
            if (y >= FIRST_YEAR && y <= LAST_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
                return day(LocalDate.of(y, m, d).toEpochDay());
            }
        }
        return parse(r.get(column), name).map(SndsDates::shared).orElse(null);
    }

    private static int digits(CsvTable.Row r, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = r.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static LocalDate shared(LocalDate date) {
        long e = date.toEpochDay();
        return e < FIRST_DAY || e - FIRST_DAY >= DAYS.length() ? date : day(e);
    }

    private static LocalDate day(long epochDay) {
        int i = (int) (epochDay - FIRST_DAY);
        LocalDate d = DAYS.get(i);
        if (d == null) {
            d = LocalDate.ofEpochDay(epochDay);
            DAYS.set(i, d);
        }
        return d;
    }

    /**
     * The date, empty for a blank value; a value in no known format, a date that does not exist
     * (31/02/2023) or a year outside 1900-2199 is a {@link BadValue} of the column.
     */
    static Optional<LocalDate> parse(String value, String column) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        LocalDate date = null;
        try {
            if (v.length() >= 10 && v.charAt(4) == '-' && (v.length() == 10 || v.charAt(10) == 'T' || v.charAt(10) == ' ')) {
                date = LocalDate.parse(v.substring(0, 10));
            } else if (v.length() == 10 && v.charAt(2) == '/') {
                date = LocalDate.parse(v, FR);
            } else if (v.length() >= 9 && Character.isLetter(v.charAt(2)) && (v.length() == 9 || v.charAt(9) == ':')) {
                date = LocalDate.parse(v.substring(0, 9), SAS);
            } else if (v.length() == 8 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                date = LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
            }
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new BadValue(column, RULE);
        }
        return Optional.of(date);
    }
}

package org.healthgraph.importers.snds;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Dates as SNDS extracts write them: ISO (2023-03-05), SAS DDMMMYYYY (05MAR2023, with an optional time), DD/MM/YYYY. */
final class SndsDates {

    private static final DateTimeFormatter SAS = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMyyyy").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private SndsDates() {
    }

    /** The date, empty for a blank value; fails naming the table, column and line for a value in no known format. */
    static Optional<LocalDate> parse(String value, String table, String column, long line) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            if (v.length() >= 10 && v.charAt(4) == '-') {
                return Optional.of(LocalDate.parse(v.substring(0, 10)));
            }
            if (v.length() >= 10 && v.charAt(2) == '/') {
                return Optional.of(LocalDate.parse(v.substring(0, 10), FR));
            }
            if (v.length() >= 9 && Character.isLetter(v.charAt(2))) {
                return Optional.of(LocalDate.parse(v.substring(0, 9), SAS));
            }
            if (v.length() == 8 && v.chars().allMatch(Character::isDigit)) {
                return Optional.of(LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE));
            }
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new SndsImportException(table + "." + column + " line " + line
                + ": a date must be ISO (2023-03-05), DDMMMYYYY (05MAR2023) or DD/MM/YYYY; got a value in another format");
    }
}

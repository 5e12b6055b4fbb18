package org.healthgraph.linkage.pseudonym;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The normalised direct identifiers of a person: national id (NIR, upper case, without spaces or
 * dashes, Corsican 2A/2B kept), birth date and sex (1 = male, 2 = female). Built through {@link
 * #normalised}; errors name the field and the rule, never the value. {@link #toString()} hides
 * every value.
 */
public record Identity(String nationalId, LocalDate birthDate, int sex) {

    public Identity {
        if (nationalId == null || !nationalId.matches("[0-9AB]{13,15}")) {
            throw new PseudonymException("nationalId: expected 13 to 15 characters among 0-9, A, B after normalisation");
        }
        if (birthDate == null) {
            throw new PseudonymException("birthDate: required");
        }
        if (sex != 1 && sex != 2) {
            throw new PseudonymException("sex: expected 1 (male) or 2 (female)");
        }
    }

    /**
     * Normalises raw values: the national id loses spaces, dots and dashes and goes upper case;
     * the birth date may be {@code yyyy-MM-dd}, {@code dd/MM/yyyy} or {@code yyyyMMdd}; sex may be
     * 1/2, M/F, H/F (French), male/female.
     */
    public static Identity normalised(String nationalId, String birthDate, String sex) {
        String nir = nationalId == null ? null : nationalId.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        return new Identity(nir, parseDate(birthDate), parseSex(sex));
    }

    /** The canonical text that is hashed: {@code NIR|yyyy-MM-dd|sex}. */
    String canonical() {
        return nationalId + "|" + birthDate + "|" + sex;
    }

    private static LocalDate parseDate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new PseudonymException("birthDate: required");
        }
        String s = raw.strip();
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s);
            }
            if (s.matches("\\d{2}/\\d{2}/\\d{4}")) {
                return LocalDate.of(Integer.parseInt(s.substring(6)), Integer.parseInt(s.substring(3, 5)),
                        Integer.parseInt(s.substring(0, 2)));
            }
            if (s.matches("\\d{8}")) {
                return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(6)));
            }
        } catch (DateTimeException e) {
            throw new PseudonymException("birthDate: not a calendar date");
        }
        throw new PseudonymException("birthDate: expected yyyy-MM-dd, dd/MM/yyyy or yyyyMMdd");
    }

    private static int parseSex(String raw) {
        String s = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "1", "M", "H", "MALE", "HOMME" -> 1;
            case "2", "F", "FEMALE", "FEMME" -> 2;
            default -> throw new PseudonymException("sex: expected 1/2, M/F, H/F, male/female");
        };
    }

    @Override
    public String toString() {
        return "Identity[redacted]";
    }
}

package org.healthgraph.journeys;

import java.util.regex.Pattern;

import org.healthgraph.graph.ErrorKind;

/**
 * A patient's pseudonymous identifier (BEN_IDT_ANO for SNDS extracts, the FHIR Patient id).
 * The value itself is patient-level data: it never appears in logs or error messages.
 */
public record PatientId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

    public PatientId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, 
                    "a patient id must be 1 to 128 letters, digits, '_', '.', ':' or '-' (value not shown)");
        }
    }

    @Override
    public String toString() {
        return "PatientId[***]";
    }
}

package org.healthgraph.journeys;

import java.util.Locale;

/**
 * Codes of one system that start with a prefix: the hierarchy of ICD-10 (I21 covers I210...I219),
 * ATC (levels 1 to 5: C, C10, C10A, C10AA, C10AA05) and CCAM. A prefix that matches no known code
 * gives an empty result, not an error.
 *
 * @param system a {@link CodeSystem} name (ICD10, ATC, CIP13, CCAM, SNOMED, LOINC, RXNORM)
 * @param prefix the code or the start of the codes it covers
 */
public record CodePattern(String system, String prefix) {

    public CodePattern {
        system = CodeSystem.parse(system).name();
        if (prefix == null || prefix.isBlank() || prefix.length() > 64) {
            throw new InvalidQueryException("a code pattern of system " + system + " needs a prefix of 1 to 64 characters");
        }
        prefix = prefix.trim().toUpperCase(Locale.ROOT).replace(".", "");
    }

    public CodeSystem codeSystem() {
        return CodeSystem.parse(system);
    }

    /** The prefix of the Code node keys it covers. */
    public String keyPrefix() {
        return codeSystem().key(prefix);
    }
}

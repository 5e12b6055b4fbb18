package org.healthgraph.journeys.store;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.JourneyException;

/**
 * The name a researcher saves a cohort definition under: 1 to 100 characters once trimmed, with no
 * control character. Names are per owner: two researchers may use the same one.
 */
public record DefinitionName(String value) implements Comparable<DefinitionName> {

    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 100;

    public DefinitionName {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            // the name itself is not echoed: it is free text typed by a user
            throw new JourneyException(ErrorKind.INVALID_INPUT, "name: a cohort definition's name is 1 to " + MAX_LENGTH
                    + " characters without control characters, got " + (value == null ? "none" : trimmed.length() + " characters"
                    + (trimmed.codePoints().anyMatch(Character::isISOControl) ? " with a control character" : "")));
        }
        value = trimmed;
    }

    @Override
    public int compareTo(DefinitionName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

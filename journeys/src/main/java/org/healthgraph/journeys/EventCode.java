package org.healthgraph.journeys;

import java.util.Objects;

import org.healthgraph.graph.ErrorKind;

/** One code of a care event, with its system and role. */
public record EventCode(CodeSystem system, String code, CodeRole role) {

    public EventCode {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(role, "role");
        if (code == null || code.isBlank() || code.length() > 64) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "a " + system + " code must be 1 to 64 characters, got '" + code + "'");
        }
        code = code.trim();
    }

    /** The catalog Code node key, {@code NOMENCLATURE:CODE}. */
    public String key() {
        return system.key(code);
    }
}

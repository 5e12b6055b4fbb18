package org.healthgraph.graphql.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of docs/security.md, as the schema's {@code AccessRole} enum and {@code @policy}
 * directive name them. A role grants its own fields and those of the roles it includes: RESEARCHER
 * includes READER, ANALYST includes RESEARCHER, STEWARD includes READER, ADMIN includes every role.
 */
public enum Role {
    /** The catalog. */
    READER,
    /** Also aggregate cohort results, suppressed and perturbed. */
    RESEARCHER,
    /** Also patient-level data and exact counts. */
    ANALYST,
    /** The catalog, and its curation. */
    STEWARD,
    /** Everything. */
    ADMIN;

    /** The roles this one includes, itself among them. */
    public Set<Role> included() {
        return switch (this) {
            case READER -> EnumSet.of(READER);
            case RESEARCHER -> EnumSet.of(READER, RESEARCHER);
            case ANALYST -> EnumSet.of(READER, RESEARCHER, ANALYST);
            case STEWARD -> EnumSet.of(READER, STEWARD);
            case ADMIN -> EnumSet.allOf(Role.class);
        };
    }

    /** Every role that {@code held} roles include. */
    public static Set<Role> closure(Set<Role> held) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        held.forEach(r -> all.addAll(r.included()));
        return all;
    }
}

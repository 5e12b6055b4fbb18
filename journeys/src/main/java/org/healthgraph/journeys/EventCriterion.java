package org.healthgraph.journeys;

import java.util.List;
import java.util.Set;

/**
 * What an event must be: one of the types (any when empty), with at least one code matching one of
 * the patterns in one of the roles (no code condition when {@code codes} is empty; any role when
 * {@code roles} is empty), and the patient's age at the event's start within [minAge, maxAge]
 * (in whole years from the first day of the birth month; an unknown birth date fails an age bound).
 */
public record EventCriterion(Set<EventType> types, List<CodePattern> codes, Set<CodeRole> roles,
                             Integer minAge, Integer maxAge) {

    public EventCriterion {
        types = types == null ? Set.of() : Set.copyOf(types);
        codes = codes == null ? List.of() : List.copyOf(codes);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        if (minAge != null && minAge < 0 || maxAge != null && maxAge < 0) {
            throw new InvalidQueryException("an age bound must not be negative, got minAge=" + minAge + " maxAge=" + maxAge);
        }
        if (minAge != null && maxAge != null && minAge > maxAge) {
            throw new InvalidQueryException("minAge " + minAge + " is greater than maxAge " + maxAge);
        }
    }

    /** Events of one type with a code under one pattern, in any role. */
    public static EventCriterion of(EventType type, CodeSystem system, String prefix) {
        return new EventCriterion(Set.of(type), List.of(new CodePattern(system.name(), prefix)), Set.of(), null, null);
    }

    /** The same criterion restricted to these roles. */
    public EventCriterion withRoles(CodeRole... r) {
        return new EventCriterion(types, codes, Set.of(r), minAge, maxAge);
    }
}

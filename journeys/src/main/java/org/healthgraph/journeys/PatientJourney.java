package org.healthgraph.journeys;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient with its pseudonyms and all its care events: the unit of import. Events are kept in
 * timeline order (start, end, type, codes, source, quantity), the order both query engines use to break ties.
 *
 * @param id pseudonymous id
 * @param aliases pseudonym keys {@code SYSTEM:VALUE} (e.g. {@code BEN_NIR_PSA:...+rank})
 * @param birthDate first day of the birth month, if known
 * @param sex 1 male, 2 female, 0 unknown
 * @param department residence département code, or empty
 * @param deathDate date of death, if known
 * @param events care events
 */
public record PatientJourney(PatientId id, List<String> aliases, Optional<LocalDate> birthDate, int sex,
                             String department, Optional<LocalDate> deathDate, List<CareEvent> events) {

    /** The order of events on a timeline. */
    public static final Comparator<CareEvent> TIMELINE_ORDER = Comparator.comparing(CareEvent::start)
            .thenComparing(CareEvent::end)
            .thenComparing(CareEvent::type)
            .thenComparing(e -> e.codes().toString())
            .thenComparing(CareEvent::source)
            .thenComparingInt(CareEvent::quantity);

    public PatientJourney {
        Objects.requireNonNull(id, "id");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(deathDate, "deathDate");
        department = department == null ? "" : department;
        events = events.stream().sorted(TIMELINE_ORDER).toList();
    }
}

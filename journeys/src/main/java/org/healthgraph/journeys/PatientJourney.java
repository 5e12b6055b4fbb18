package org.healthgraph.journeys;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 * @param projects the projects (approved studies) the patient's data was imported into; a write adds
 *                 them to those the graph knows already (never removes one); not read back with the
 *                 patient's journey (see {@code JourneyStore#projectMembers})
 */
public record PatientJourney(PatientId id, List<String> aliases, Optional<LocalDate> birthDate, int sex,
                             String department, Optional<LocalDate> deathDate, List<CareEvent> events,
                             Set<ProjectCode> projects) {

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
        projects = projects == null ? Set.of() : Set.copyOf(projects);
    }

    /** A patient in no project. */
    public PatientJourney(PatientId id, List<String> aliases, Optional<LocalDate> birthDate, int sex,
                          String department, Optional<LocalDate> deathDate, List<CareEvent> events) {
        this(id, aliases, birthDate, sex, department, deathDate, events, Set.of());
    }

    /** This patient, imported into {@code more} projects too. */
    public PatientJourney inProjects(Set<ProjectCode> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<ProjectCode> all = new TreeSet<>(projects);
        all.addAll(more);
        return new PatientJourney(id, aliases, birthDate, sex, department, deathDate, events, all);
    }
}

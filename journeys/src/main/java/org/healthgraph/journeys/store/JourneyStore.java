package org.healthgraph.journeys.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.healthgraph.graph.Label;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;

/**
 * Where patients and their care events live in the graph: {@code (:Patient)-[:HAD]->(:CareEvent)
 * -[:CODED_AS {role}]->(:Code)}, {@code (:Patient)-[:HAS_ALIAS]->(:Pseudonym)},
 * {@code (:Patient)-[:IN_PROJECT]->(:Project)}, and one stamp node
 * ({@link #STAMP}) whose {@link JourneysStamp} every write moves. Codes are the catalog's Code
 * nodes, keyed {@code NOMENCLATURE:CODE}, created when absent. Implementations are thread-safe;
 * every method runs in its own transaction. Open one with {@link JourneyStores#on}.
 */
public interface JourneyStore {

    /** The label of the one node holding the journeys stamp (key {@value #STAMP_KEY}). */
    Label STAMP = new Label("JourneysStamp", "key");

    /** The key of the stamp node. */
    String STAMP_KEY = "journeys";

    /** The backend's name ({@code neo4j}, {@code gremlin}), for messages. */
    String backend();

    /** Creates the constraints and indexes journeys need (patients', events', codes', the stamp's keys); idempotent. */
    void ensureSchema();

    /**
     * Writes a batch of patients in one transaction: patients new to the graph are created with
     * their events and aliases; patients already there get their demographics updated, their former
     * events deleted and the batch's written. The stamp moves in the same transaction. All or
     * nothing: a batch that fails (a patient listed twice, say) leaves the graph and the stamp as
     * they were, and can be written again. Batches of disjoint patients may be written concurrently.
     *
     * @param batch at least one patient
     * @return the stamp this write moved the graph to
     */
    JourneysStamp write(List<PatientJourney> batch);

    /**
     * A page of patients in id order, with their demographics and events (in timeline order);
     * aliases are not read back (nothing that reads journeys uses them).
     *
     * @param after the page starts after this id; empty: from the first patient
     * @param limit at most this many patients
     */
    List<PatientJourney> patients(Optional<PatientId> after, int limit);

    /**
     * A page of the ids of a project's patients, in id order; empty for a project the graph does not
     * know.
     *
     * @param after the page starts after this id; empty: from the first patient
     * @param limit at most this many ids
     */
    List<PatientId> projectMembers(ProjectCode project, Optional<PatientId> after, int limit);

    /** The projects a patient is in; empty for a patient in none, or unknown. */
    Set<ProjectCode> projectsOf(PatientId patient);

    /** Every project, with its number of patients, in code order. */
    Map<ProjectCode, Long> projects();

    /** Every patient, in id order, read page by page ({@code pageSize} a page). */
    default void forEachPatient(int pageSize, Consumer<PatientJourney> sink) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        Optional<PatientId> after = Optional.empty();
        while (true) {
            List<PatientJourney> page = patients(after, pageSize);
            page.forEach(sink);
            if (page.size() < pageSize) {
                return;
            }
            after = Optional.of(page.getLast().id());
        }
    }

    /** The graph's journeys stamp; empty when no journeys write ever happened. */
    Optional<JourneysStamp> stamp();

    /** Moves the stamp on its own, in one transaction (for writers of journeys other than {@link #write}). */
    JourneysStamp moveStamp();

    /** The stamp, created (version 1) when the graph has none. */
    JourneysStamp ensureStamp();

    /** Number of patients. */
    long patientCount();

    /** Number of care events. */
    long eventCount();

    /**
     * The cohort cross-check in the database's own query language, when this backend has one
     * (Neo4j: Cypher); empty otherwise.
     */
    default Optional<CohortCrossCheck> crossCheck() {
        return Optional.empty();
    }
}

package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;
import org.junit.jupiter.api.Test;

/**
 * Imports into the shared embedded Neo4j through the write side: batches are atomic, re-runs
 * replace, Code nodes are created when absent, and each committed batch is told to the listeners,
 * which keep the query side current.
 */
class JourneyImportIT {

    private final GraphStore graph = SharedNeo4j.store();
    private final JourneyStore store = open();

    private static JourneyStore open() {
        JourneyStore s = JourneyStores.on(SharedNeo4j.store());
        s.ensureSchema();
        return s;
    }

    static PatientJourney patient(String id, String atc, int dispensings) {
        List<CareEvent> events = new ArrayList<>();
        for (int i = 0; i < dispensings; i++) {
            events.add(new CareEvent(EventType.DRUG_DISPENSING, LocalDate.of(2023, 1, 1).plusDays(30L * i), null, "ER_PHA_F", 1,
                    List.of(new EventCode(CodeSystem.ATC, atc, CodeRole.DRUG))));
        }
        return new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"), Optional.empty(), 2, "75",
                Optional.empty(), events);
    }

    private long events(String id) {
        return ((Number) Neo4jGraph.require(graph, "Cypher").read("MATCH (:Patient {id: $id})-[:HAD]->(e) RETURN count(e) AS n", Map.of("id", id))
                .getFirst().get("n")).longValue();
    }

    private CohortService keptCurrentBy(JourneyImporter importer) {
        CohortService cohorts = CohortService.over(store, Optional.empty(), new IndexReadiness()).awaitReady();
        importer.addListener(cohorts.keepingCurrent());
        return cohorts;
    }

    @Test
    void aReRunReplacesAPatientsEventsInsteadOfDuplicatingThemInTheGraphAndInTheIndex() {
        String id = SharedNeo4j.uniqueKey("P");
        JourneyImporter importer = new JourneyImporter(store);
        CohortService cohorts = keptCurrentBy(importer);

        importer.importPatients(List.of(patient(id, "A10BA02", 3)));
        importer.importPatients(List.of(patient(id, "A10BA02", 5)));

        assertThat(events(id)).isEqualTo(5);
        assertThat(cohorts.events(new PatientId(id))).hasValueSatisfying(e -> assertThat(e).hasSize(5));
        assertThat(Neo4jGraph.require(graph, "Cypher").read("MATCH (c:Code {key: 'ATC:A10BA02'}) RETURN c.nomenclature AS n", Map.of()))
                .singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo("ATC"));
    }

    @Test
    void aBatchThatFailsLeavesNoneOfItsPatientsBehindAndCanBeReRun() {
        String ok = SharedNeo4j.uniqueKey("P");
        String failing = SharedNeo4j.uniqueKey("P");
        JourneyImporter importer = new JourneyImporter(store);
        CohortService cohorts = keptCurrentBy(importer);
        PatientJourney twice = patient(failing, "C10AA05", 2);

        // the same patient twice in one batch creates the same event ids twice: the batch fails
        assertThatThrownBy(() -> importer.importPatients(List.of(patient(ok, "C10AA05", 2), twice, twice), 1_000, n -> { }))
                .isInstanceOf(RuntimeException.class);

        assertThat(events(ok)).isZero();
        assertThat(Neo4jGraph.require(graph, "Cypher").read("MATCH (p:Patient {id: $id}) RETURN p", Map.of("id", failing))).isEmpty();
        assertThat(cohorts.events(new PatientId(ok))).isEmpty();
        importer.importPatients(List.of(patient(ok, "C10AA05", 2), twice));
        assertThat(events(ok)).isEqualTo(2);
        assertThat(events(failing)).isEqualTo(2);
        assertThat(cohorts.events(new PatientId(failing))).hasValueSatisfying(e -> assertThat(e).hasSize(2));
    }

    @Test
    void everyCommittedBatchIsToldWithItsPatientsAndStampAndTheReportEndsAtTheLastStamp() {
        String prefix = SharedNeo4j.uniqueKey("TOLD");
        JourneyImporter importer = new JourneyImporter(store).withWriters(2);
        List<JourneyChange> told = java.util.Collections.synchronizedList(new ArrayList<>());
        importer.addListener(told::add);
        List<PatientJourney> patients = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            patients.add(patient(prefix + "_" + i, "C10AA05", 1));
        }

        ImportReport report = importer.importPatients(patients, 10, n -> { });

        assertThat(told).hasSize(3);
        assertThat(told).flatExtracting(JourneyChange::patients).containsExactlyInAnyOrderElementsOf(patients);
        long highest = told.stream().mapToLong(c -> c.stamp().version()).max().orElseThrow();
        assertThat(report.stamp()).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(highest));
        assertThat(store.stamp().orElseThrow().version()).isEqualTo(highest);
        assertThat(report.patients()).isEqualTo(25);
    }

    @Test
    void aListenerThatFailsDoesNotUndoTheWriteNorStopTheOthers() {
        String id = SharedNeo4j.uniqueKey("P");
        JourneyImporter importer = new JourneyImporter(store);
        importer.addListener(change -> {
            throw new IllegalStateException("listener down");
        });
        List<JourneyChange> told = new ArrayList<>();
        importer.addListener(told::add);

        importer.importPatients(List.of(patient(id, "C10AA05", 2)));

        assertThat(events(id)).isEqualTo(2);
        assertThat(told).hasSize(1);
    }
}

package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

/** Imports into the shared embedded Neo4j: batches are atomic, re-runs replace, Code nodes are created when absent. */
class JourneyImportIT {

    private final GraphStore store = SharedNeo4j.store();

    private static PatientJourney patient(String id, String atc, int dispensings) {
        List<CareEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < dispensings; i++) {
            events.add(new CareEvent(EventType.DRUG_DISPENSING, LocalDate.of(2023, 1, 1).plusDays(30L * i), null, "ER_PHA_F", 1,
                    List.of(new EventCode(CodeSystem.ATC, atc, CodeRole.DRUG))));
        }
        return new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"), Optional.empty(), 2, "75",
                Optional.empty(), events);
    }

    private long events(String id) {
        return ((Number) Neo4jGraph.require(store, "Cypher").read("MATCH (:Patient {id: $id})-[:HAD]->(e) RETURN count(e) AS n", Map.of("id", id))
                .getFirst().get("n")).longValue();
    }

    @Test
    void aReRunReplacesAPatientsEventsInsteadOfDuplicatingThem() {
        String id = SharedNeo4j.uniqueKey("P");
        Journeys journeys = Journeys.open(store);
        journeys.importPatients(List.of(patient(id, "A10BA02", 3)));
        journeys.importPatients(List.of(patient(id, "A10BA02", 5)));
        assertThat(events(id)).isEqualTo(5);
        assertThat(journeys.events(new PatientId(id))).hasValueSatisfying(e -> assertThat(e).hasSize(5));
        assertThat(Neo4jGraph.require(store, "Cypher").read("MATCH (c:Code {key: 'ATC:A10BA02'}) RETURN c.nomenclature AS n", Map.of()))
                .singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo("ATC"));
    }

    @Test
    void aBatchThatFailsLeavesNoneOfItsPatientsBehindAndCanBeReRun() {
        String ok = SharedNeo4j.uniqueKey("P");
        String failing = SharedNeo4j.uniqueKey("P");
        Journeys journeys = Journeys.open(store);
        PatientJourney twice = patient(failing, "C10AA05", 2);
        // the same patient twice in one batch creates the same event ids twice: the batch fails
        assertThatThrownBy(() -> journeys.importPatients(List.of(patient(ok, "C10AA05", 2), twice, twice), 1_000, n -> { }))
                .isInstanceOf(RuntimeException.class);
        assertThat(events(ok)).isZero();
        assertThat(Neo4jGraph.require(store, "Cypher").read("MATCH (p:Patient {id: $id}) RETURN p", Map.of("id", failing))).isEmpty();
        journeys.importPatients(List.of(patient(ok, "C10AA05", 2), twice));
        assertThat(events(ok)).isEqualTo(2);
        assertThat(events(failing)).isEqualTo(2);
    }
}

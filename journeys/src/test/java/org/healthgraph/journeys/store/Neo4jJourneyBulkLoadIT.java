package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk load (Neo4j's batch importer, embedded database only) writes the stamp with the patients. */
class Neo4jJourneyBulkLoadIT {

    private static PatientJourney patient(String id, int day) {
        return new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"), Optional.of(LocalDate.of(1960, 1, 1)),
                1, "75", Optional.empty(), List.of(new CareEvent(EventType.DRUG_DISPENSING, LocalDate.of(2023, 1, 1).plusDays(day),
                        null, "ER_PHA_F", 1, List.of(new EventCode(CodeSystem.ATC, "C10AA05", CodeRole.DRUG)))));
    }

    @Test
    void aFirstLoadGivesTheGraphItsPatientsAndAFirstStamp(@TempDir Path dir) {
        ProjectCode study = new ProjectCode("etude-avc");
        List<PatientJourney> patients = List.of(patient("A", 0).inProjects(Set.of(study)), patient("B", 3),
                patient("C", 7).inProjects(Set.of(study, new ProjectCode("etude-diabete"))));

        Optional<JourneyStores.BulkLoaded> loaded = JourneyStores.bulkLoad(dir, patients, line -> { });

        assertThat(loaded).hasValueSatisfying(r -> {
            assertThat(r.patients()).isEqualTo(3);
            assertThat(r.events()).isEqualTo(3);
            assertThat(r.stamp().version()).isEqualTo(1);
        });
        try (GraphStore graph = GraphStores.open(GraphSettings.embedded(dir))) {
            JourneyStore store = JourneyStores.on(graph);
            store.ensureSchema();
            assertThat(store.stamp()).isEqualTo(loaded.map(JourneyStores.BulkLoaded::stamp));
            assertThat(store.patients(Optional.empty(), 10)).extracting(p -> p.id().value()).containsExactly("A", "B", "C");
            assertThat(store.projectMembers(study, Optional.empty(), 10)).extracting(PatientId::value).containsExactly("A", "C");
            assertThat(store.projects()).containsExactly(java.util.Map.entry(study, 2L),
                    java.util.Map.entry(new ProjectCode("etude-diabete"), 1L));
            assertThat(store.write(List.of(patient("D", 1))).version()).isEqualTo(2);
        }
        assertThat(JourneyStores.bulkLoad(dir, List.of(patient("E", 0)), line -> { })).isEmpty();
    }

    @Test
    void aGraphWithAStampButNoPatientIsNotAFirstLoadAndIsLeftAsItWas(@TempDir Path dir) {
        JourneysStamp stamp;
        try (GraphStore graph = GraphStores.open(GraphSettings.embedded(dir))) {
            JourneyStore store = JourneyStores.on(graph);
            store.ensureSchema();
            stamp = store.moveStamp();
        }

        assertThat(JourneyStores.bulkLoad(dir, List.of(patient("A", 0)), line -> { })).isEmpty();

        try (GraphStore graph = GraphStores.open(GraphSettings.embedded(dir))) {
            JourneyStore store = JourneyStores.on(graph);
            assertThat(store.stamp()).contains(stamp);
            assertThat(store.patientCount()).isZero();
        }
    }
}

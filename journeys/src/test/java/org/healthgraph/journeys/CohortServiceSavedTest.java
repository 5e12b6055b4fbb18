package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.healthgraph.journeys.store.JourneysStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service over an index saved without a graph (the population-scale benchmark's path) answers as one holding the patients. */
class CohortServiceSavedTest {

    @TempDir
    Path dir;

    @Test
    void anIndexSavedPatientByPatientAndOpenedMappedAnswersAsTheInMemoryService() {
        List<PatientJourney> patients = RandomCohorts.population(new Random(31), 400, 0);
        CohortService.saveStreamed(dir, new JourneysStamp(1, UUID.randomUUID()), sink -> patients.reversed().forEach(sink));

        try (CohortService saved = CohortService.openSaved(dir); CohortService memory = CohortService.inMemory(patients)) {
            assertThat(saved.indexMapped()).isTrue();
            assertThat(memory.indexMapped()).isFalse();
            assertThat(saved.patientCount()).isEqualTo(400);
            Random r = new Random(32);
            for (int q = 0; q < 40; q++) {
                CohortQuery query = RandomCohorts.query(r);
                assertThat(saved.rawAttrition(query)).as(CohortQueries.toJson(query)).containsExactly(memory.rawAttrition(query));
                assertThat(saved.rawAttritionFullScan(query)).containsExactly(memory.rawAttrition(query));
            }
        }
    }

    @Test
    void openingAFolderWithoutASavedIndexSaysWhichFile() {
        assertThatThrownBy(() -> CohortService.openSaved(dir)).isInstanceOf(JourneyException.class)
                .hasMessageContaining(dir.resolve("timeline.idx").toString()).hasMessageContaining("cannot be read");
    }
}

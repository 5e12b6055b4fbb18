package org.healthgraph.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.journeys.CohortPartial;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PathwaySpec;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.RandomCohorts;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.healthgraph.journeys.parquet.ParquetEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark cohort job in local mode (local[2]) over care events exported as Parquet gives the
 * single-machine engine's answers on the random populations and queries the journeys engines are
 * checked with (RandomCohorts): the same raw attrition, the same cohort ids, the same released
 * results (suppressed, exact or cell-key perturbed, pathways included). A folder with a missing
 * bucket or a column of another type is refused naming the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkCohortsTest {

    private static final byte[] KEY = "a cell-key secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private SparkSession spark;

    @BeforeAll
    void startSpark() {
        spark = LocalSpark.start(dir.resolve("spark"), Map.of());
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    @Test
    void givesTheSingleMachineEnginesAttritionCohortIdsAndReleasedResultsOnRandomPopulationsAndQueries() {
        for (int population = 0; population < 2; population++) {
            Random r = new Random(9100 + population);
            List<PatientJourney> patients = RandomCohorts.population(r, 600, population);
            String folder = export(patients, "population-" + population, 16);
            // Several partitions and small batches: patients of one task are evaluated in several batches.
            SparkCohorts job = SparkCohorts.on(spark).with(3, 50);
            try (CohortService local = CohortService.inMemory(patients)) {
                for (int q = 0; q < 8; q++) {
                    CohortQuery base = RandomCohorts.query(r);
                    CohortQuery query = new CohortQuery(base.index(), base.rules(), q % 2 == 0 ? pathways() : null, 3);
                    String context = "population " + population + " query " + q + ":\n" + CohortQueries.toJson(query);
                    Disclosure disclosure = q % 3 == 0 ? Disclosure.cellKey(KEY) : Disclosure.exact();
                    Optional<byte[]> key = q % 3 == 0 ? Optional.of(KEY) : Optional.empty();

                    CohortPartial spread = job.evaluate(folder, query, key, true);

                    assertThat(spread.rawAttrition()).as(context).containsExactly(local.rawAttrition(query));
                    assertThat(spread.patientIds().orElseThrow()).as(context).isEqualTo(local.patientIds(query, 0, 10_000));
                    assertThat(spread.release(query, disclosure)).as(context).isEqualTo(local.cohort(query, disclosure));
                }
            }
        }
    }

    @Test
    void releasesSuppressedCountsAsTheSingleMachineServiceDoes() {
        List<PatientJourney> patients = RandomCohorts.population(new Random(33), 300, 1);
        String folder = export(patients, "suppressed", 4);
        Random r = new Random(34);
        try (CohortService local = CohortService.inMemory(patients)) {
            boolean sawSuppressed = false;
            for (int q = 0; q < 6; q++) {
                CohortQuery base = RandomCohorts.query(r);
                CohortQuery query = new CohortQuery(base.index(), base.rules(), pathways(), 40);
                var released = SparkCohorts.on(spark).cohort(folder, query, Disclosure.exact());
                assertThat(released).isEqualTo(local.cohort(query));
                sawSuppressed |= released.attrition().stream().anyMatch(s -> s.patients().suppressed())
                        || released.pathways().orElseThrow().nodes().stream().anyMatch(n -> n.patients().suppressed());
            }
            assertThat(sawSuppressed).as("some count was small enough to be suppressed").isTrue();
        }
    }

    @Test
    void aLayoutNamingABucketWhoseFolderIsMissingIsRefusedNamingTheFolder() throws IOException {
        String folder = export(RandomCohorts.population(new Random(4), 200, 0), "missing-bucket", 4);
        EventsLayout layout = SparkCohorts.on(spark).layout(folder);
        Path gone = Path.of(folder).resolve(layout.buckets().get(1).folder());
        deleteTree(gone);

        assertThatThrownBy(() -> SparkCohorts.on(spark).evaluate(folder, RandomCohorts.query(new Random(5)), Optional.empty(), false))
                .isInstanceOf(SparkJobException.class)
                .hasMessageContaining(gone.getFileName().toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aFileWithAColumnOfAnotherTypeIsRefusedNamingTheFileAndTheColumn() throws IOException {
        String folder = export(RandomCohorts.population(new Random(6), 200, 0), "schema-change", 4);
        EventsLayout layout = SparkCohorts.on(spark).layout(folder);
        // A file written with quantity as text, as another exporter (or a hand edit) might.
        Path written = dir.resolve("other-writer");
        spark.sql("SELECT 'P1' AS patient_id, CAST(NULL AS DATE) AS birth_date, 0 AS event_no, 'DEATH' AS type,"
                + " DATE '2023-01-01' AS start_date, DATE '2023-01-01' AS end_date, 'T' AS source, 'three' AS quantity,"
                + " array(named_struct('system', 'ICD10', 'code', 'I21', 'role', 'PRINCIPAL')) AS codes")
                .coalesce(1).write().parquet(written.toString());
        Path part;
        try (Stream<Path> s = Files.list(written)) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path bad = Files.copy(part, Path.of(folder).resolve(layout.buckets().getFirst().folder()).resolve("part-other.parquet"));

        assertThatThrownBy(() -> SparkCohorts.on(spark).evaluate(folder, RandomCohorts.query(new Random(7)), Optional.empty(), false))
                .isInstanceOf(SparkJobException.class)
                .hasMessageContaining(bad.getFileName().toString())
                .hasMessageContaining("quantity");
    }

    @Test
    void aFolderWithoutItsLayoutFileIsRefused() {
        String folder = export(RandomCohorts.population(new Random(8), 50, 0), "no-layout", 2);
        assertThat(Path.of(folder).resolve(EventsLayout.FILE_NAME).toFile().delete()).isTrue();

        assertThatThrownBy(() -> SparkCohorts.on(spark).layout(folder))
                .isInstanceOf(SparkJobException.class)
                .hasMessageContaining(EventsLayout.FILE_NAME);
    }

    private String export(List<PatientJourney> patients, String name, int buckets) {
        Path out = dir.resolve(name);
        ParquetEvents.write(out, buckets, sink -> patients.forEach(sink));
        return out.toString();
    }

    static PathwaySpec pathways() {
        return new PathwaySpec(Map.of(
                "stay", new EventCriterion(Set.of(EventType.HOSPITAL_STAY), List.of(), Set.of(), null, null),
                "drug", new EventCriterion(Set.of(EventType.DRUG_DISPENSING), List.of(), Set.of(), null, null)),
                3, 7, true, 365);
    }

    private static void deleteTree(Path p) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}

package org.healthgraph.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.journeys.CohortPartial;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.RandomCohorts;
import org.healthgraph.journeys.parquet.ParquetEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset larger than the executors' memory spills to disk rather than fails: Spark's memory
 * manager is given 24 MB (its test setting {@code spark.testing.memory}, no reserve), about 14 MB
 * for execution and storage over two tasks, and the job sorts the rows of 30,000 patients (about
 * 200,000 events, several times that in Spark's rows); the answer is still the single-machine
 * engine's, and the tasks report bytes spilled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkCohortsSpillTest {

    @TempDir
    static Path dir;

    private SparkSession spark;
    private final AtomicLong spilled = new AtomicLong();

    @BeforeAll
    void startSparkWithLittleMemory() {
        spark = LocalSpark.startWithLittleMemory(dir.resolve("spark"), Map.of(), spilled);
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    @Test
    void aJobOverMoreRowsThanItsMemoryHoldsSpillsAndStillGivesTheSingleMachineAnswer() {
        Random r = new Random(12);
        List<PatientJourney> patients = RandomCohorts.population(r, 30_000, 0);
        Path out = dir.resolve("events");
        ParquetEvents.write(out, 8, sink -> patients.forEach(sink));
        CohortQuery query = RandomCohorts.query(new Random(13));
        while (query.rules().isEmpty()) {
            query = RandomCohorts.query(r);
        }

        CohortPartial spread = SparkCohorts.on(spark).with(2, 5_000).evaluate(out.toString(), query, Optional.empty(), false);

        try (CohortService local = CohortService.inMemory(patients)) {
            assertThat(spread.rawAttrition()).containsExactly(local.rawAttrition(query));
        }
        System.out.printf("spill test: %,d bytes spilled to disk by the tasks%n", spilled.get());
        assertThat(spilled.get()).as("bytes the tasks spilled to disk").isPositive();
    }
}

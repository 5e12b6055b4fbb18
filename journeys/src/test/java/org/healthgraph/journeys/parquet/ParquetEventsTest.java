package org.healthgraph.journeys.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.RandomCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Care events written as Parquet partitioned by patient, read back by DuckDB. */
class ParquetEventsTest {

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerEventInTheBucketOfItsPatientAndALayoutFileNamingTheBuckets() throws Exception {
        List<PatientJourney> patients = RandomCohorts.population(new Random(5), 500, 0);
        Path out = dir.resolve("events");
        EventsLayout layout = ParquetEvents.write(out, 8, sink -> patients.forEach(sink));

        long withEvents = patients.stream().filter(p -> !p.events().isEmpty()).count();
        long events = patients.stream().mapToLong(p -> p.events().size()).sum();
        assertThat(layout.patients()).isEqualTo(withEvents);
        assertThat(layout.events()).isEqualTo(events);
        assertThat(EventsLayout.parse(Files.readAllBytes(out.resolve(EventsLayout.FILE_NAME)), "layout")).isEqualTo(layout);
        assertThat(layout.buckets()).allSatisfy(b -> assertThat(out.resolve(b.folder())).isDirectory());
        assertThat(out.resolve(".duckdb-tmp")).doesNotExist();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String files = "read_parquet('" + out + "/*/*.parquet', hive_partitioning = true)";
            try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT patient_id), sum(len(codes)) FROM " + files)) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(events);
                assertThat(r.getLong(2)).isEqualTo(withEvents);
                assertThat(r.getLong(3)).isEqualTo(patients.stream().flatMap(p -> p.events().stream())
                        .mapToLong(e -> e.codes().size()).sum());
            }
            for (PatientJourney p : patients.subList(0, 50)) {
                try (ResultSet r = s.executeQuery("SELECT DISTINCT patient_bucket FROM " + files + " WHERE patient_id = '"
                        + p.id().value() + "'")) {
                    if (p.events().isEmpty()) {
                        assertThat(r.next()).isFalse();
                    } else {
                        assertThat(r.next()).isTrue();
                        assertThat(r.getInt(1)).isEqualTo(EventsLayout.bucketOf(p.id(), 8));
                        assertThat(r.next()).as("a patient is in one bucket").isFalse();
                    }
                }
            }
        }
    }

    @Test
    void neverWritesIntoAFolderThatHoldsFiles() throws Exception {
        Path out = Files.createDirectories(dir.resolve("kept"));
        Files.writeString(out.resolve("precious.txt"), "x");
        assertThatThrownBy(() -> ParquetEvents.write(out, 4, sink -> { }))
                .isInstanceOf(JourneyException.class)
                .satisfies(e -> assertThat(HealthgraphException.kindOf(e, ErrorKind.INTERNAL)).isEqualTo(ErrorKind.CONFLICT))
                .hasMessageContaining(out.toString());
        assertThat(out.resolve("precious.txt")).hasContent("x");
    }

    @Test
    void aLayoutFileOfAnotherSchemaVersionIsRefusedNamingTheFile() {
        byte[] text = "{\"format\": \"healthgraph care events\", \"schemaVersion\": 99, \"bucketCount\": 4, \"buckets\": []}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventsLayout.parse(text, "some/folder/_healthgraph_events.json"))
                .hasMessageContaining("some/folder/_healthgraph_events.json").hasMessageContaining("schema version 99");
    }
}

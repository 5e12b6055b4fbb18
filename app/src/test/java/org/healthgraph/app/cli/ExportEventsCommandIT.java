package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthgraph export events --format parquet --out DIR} on a data folder that imported an
 * SNDS-shaped extract: every imported event is in the Parquet folder, the layout file says so, and
 * the command run again on the same folder refuses and leaves it as it was.
 */
class ExportEventsCommandIT {

    @Test
    void exportsEveryImportedEventAsParquetAndNeverWritesOverAnExport(@TempDir Path dir) throws Exception {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(7).generate(300, extract);
        String data = dir.resolve("data").toString();
        CliRun imported = InProcessCli.run("import", "snds-extract", extract.toString(), "--data-dir", data);
        assertThat(imported.exit()).as(imported.err()).isZero();
        Path out = dir.resolve("parquet");

        CliRun exported = InProcessCli.run("export", "events", "--format", "parquet", "--out", out.toString(), "--buckets", "8",
                "--data-dir", data);
        CliRun again = InProcessCli.run("export", "events", "--out", out.toString(), "--data-dir", data);

        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("exported");
        byte[] layoutFile = Files.readAllBytes(out.resolve(EventsLayout.FILE_NAME));
        EventsLayout layout = EventsLayout.parse(layoutFile, EventsLayout.FILE_NAME);
        assertThat(layout.bucketCount()).isEqualTo(8);
        assertThat(layout.patients()).isPositive();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT patient_id) FROM read_parquet('" + out
                     + "/*/*.parquet')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(layout.events());
            assertThat(r.getLong(2)).isEqualTo(layout.patients());
        }
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("not empty");
        assertThat(Files.readAllBytes(out.resolve(EventsLayout.FILE_NAME))).isEqualTo(layoutFile);
    }
}

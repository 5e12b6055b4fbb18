package org.healthgraph.bench.journey;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.store.JourneysStamp;

/**
 * Usage: {@code IndexScaleBench <patients> <workDir> [chunk]}. The cohort engine at population
 * scale without Neo4j: generates the SNDS-shaped population in chunks of {@code chunk} patients
 * (default 250,000; chunk k uses seed 42 + k and ids prefixed {@code Ck}), reads each chunk with the
 * extract importer, adds its patients to the timeline index and to a DuckDB database file in the
 * work dir (one row per event code), saves the index, opens it from its file (mapped), and runs the
 * benchmark's queries with the candidate-driven engine, the full scan and DuckDB's hand-written SQL
 * in the same run. The Neo4j store is left out because it would not fit at 10,000,000 patients.
 */
public final class IndexScaleBench {

    /** Load and query DuckDB too ({@code -Dscale.duckdb=false}: the engine alone, for populations DuckDB would take too long to load). */
    static final boolean DUCKDB = !"false".equals(System.getProperty("scale.duckdb"));

    /** Reuse the work dir's saved index and DuckDB file ({@code -Dscale.reuse=true}): no generation, only the open and the queries. */
    static final boolean REUSE = Boolean.getBoolean("scale.reuse");
    /**
     * How DuckDB is loaded ({@code -Dscale.duckload=copy|appender}): copy (default) writes each chunk's
     * rows to a tab-separated file in the work dir and loads it with DuckDB's {@code COPY ... FROM}; appender
     * appends row by row through the JDBC appender (about 60,000 rows a second here: over an hour at 10M).
     */
    static final boolean DUCK_COPY = !"appender".equals(System.getProperty("scale.duckload", "copy"));
    /** Copy the index's arrays onto the heap at open ({@code -Dscale.heap=true}) instead of querying them mapped. */
    static final boolean HEAP = Boolean.getBoolean("scale.heap");

    private IndexScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: IndexScaleBench <patients> <workDir> [chunk]");
        }
        int patients = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
        Files.createDirectories(work);
        Path extract = work.resolve("extract-chunk");
        Path indexDir = work.resolve("journeys");
        Path duckFile = work.resolve("events.duckdb");
        System.out.printf("index scale benchmark: %,d synthetic patients in chunks of %,d%s, %d cores, max heap %,d MB%n", patients,
                chunk, REUSE ? " (reused)" : "", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (!REUSE) {
            populate(patients, chunk, extract, indexDir, duckFile);
        }
        System.gc();

        long t = System.nanoTime();
        CohortService journeys = CohortService.openSaved(indexDir, HEAP);
        double open = JourneyBench.secs(t);
        CohortService.OpenReport report = journeys.lastOpen().orElseThrow();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("timeline index opened from its saved file (mapped: %s): %,d patients, %,d events, %,d bytes (%.1f bytes"
                + " an event) in %.2f s (map and check %.2f s); heap in use after a GC: %,d MB%n", journeys.indexMapped(),
                journeys.patientCount(), journeys.eventCount(), report.fileBytes(),
                (double) report.fileBytes() / Math.max(1, journeys.eventCount()), open, report.millis() / 1000.0,
                (rt.totalMemory() - rt.freeMemory()) >> 20);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckFile)) {
            System.out.println();
            System.out.printf("%-34s %10s %12s %12s %12s %12s %10s %10s%n", "query", "patients", "candidates", "1st call",
                    "full scan", "DuckDB SQL", "DuckDB/c", "scan/c");
            run("MI -> statin within 30 days", JourneyBench.MI_STATIN, JourneyBench.SQL_MI_STATIN, journeys, duck);
            run("... and no death within 1 year", JourneyBench.MI_STATIN_ALIVE, JourneyBench.SQL_MI_STATIN_ALIVE, journeys, duck);
            run(">= 3 metformin in 180 days", JourneyBench.METFORMIN_3_IN_180, JourneyBench.SQL_METFORMIN, journeys, duck);
        }
        JourneyBench.deleteQuietly(extract);
    }

    /** Generates the population chunk by chunk into the saved index and the DuckDB file. */
    private static void populate(int patients, int chunk, Path extract, Path indexDir, Path duckFile) throws Exception {
        Files.deleteIfExists(duckFile);
        Files.deleteIfExists(duckFile.resolveSibling(duckFile.getFileName() + ".wal"));

        long t = System.nanoTime();
        long[] events = new long[1];
        // generate, read, DuckDB: rows file written, rows file written + COPY
        double[] genReadSecs = new double[4];
        Path rowsFile = duckFile.resolveSibling("ev-chunk.tsv");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckFile)) {
            try (Statement s = duck.createStatement()) {
                s.execute("CREATE TABLE ev (pid VARCHAR, seq INTEGER, type VARCHAR, start_day INTEGER, end_day INTEGER,"
                        + " code VARCHAR, role VARCHAR)");
            }
            long bytes = CohortService.saveStreamed(indexDir, new JourneysStamp(1, UUID.randomUUID()), index -> {
                try (DuckDBAppender a = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ev")) {
                    for (int k = 0, done = 0; done < patients; k++) {
                        int n = Math.min(chunk, patients - done);
                        long t0 = System.nanoTime();
                        new SndsExtractGenerator(42 + k).generate(n, extract);
                        long t1 = System.nanoTime();
                        List<PatientJourney> read = new SndsExtractImporter().read(extract).patients();
                        long t2 = System.nanoTime();
                        genReadSecs[0] += (t1 - t0) / 1e9;
                        genReadSecs[1] += (t2 - t1) / 1e9;
                        String prefix = String.format("C%03d", k);
                        for (PatientJourney p : read) {
                            PatientJourney renamed = new PatientJourney(new PatientId(prefix + p.id().value()), p.aliases(),
                                    p.birthDate(), p.sex(), p.department(), p.deathDate(), p.events(), p.projects());
                            index.accept(renamed);
                            if (DUCKDB && !DUCK_COPY) {
                                append(a, renamed);
                            }
                            events[0] += p.events().size();
                        }
                        if (DUCKDB && DUCK_COPY) {
                            long t3 = System.nanoTime();
                            genReadSecs[2] += copyInto(duck, read, prefix, rowsFile);
                            genReadSecs[3] += (System.nanoTime() - t3) / 1e9;
                        }
                        done += n;
                        System.out.printf("  chunk %d: %,d patients (%,d in all, %,d events) generated in %.1f s, read in %.1f s%n",
                                k, n, done, events[0], (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                    }
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
                }
            });
            double total = JourneyBench.secs(t);
            Files.deleteIfExists(rowsFile);
            System.out.printf("population: generate %.1f s, read %.1f s; timeline index built and saved (%,d bytes, %.1f bytes an"
                    + " event) and DuckDB loaded (%s): %.1f s in all%n", genReadSecs[0], genReadSecs[1], bytes,
                    (double) bytes / Math.max(1, events[0]), !DUCKDB ? "not" : DUCK_COPY ? "COPY FROM a rows file per chunk"
                            : "appender", total);
            if (DUCKDB && DUCK_COPY) {
                System.out.printf("DuckDB: rows files written in %.1f s, COPY FROM them %.1f s%n", genReadSecs[2],
                        genReadSecs[3] - genReadSecs[2]);
            }
            t = System.nanoTime();
            if (DUCKDB) {
                try (Statement s = duck.createStatement()) {
                    s.execute("CREATE TABLE ev2 AS SELECT * FROM ev ORDER BY pid, seq");
                    s.execute("DROP TABLE ev");
                    s.execute("ALTER TABLE ev2 RENAME TO ev");
                    s.execute("CHECKPOINT");
                }
                System.out.printf("DuckDB: events sorted by patient and checkpointed in %.1f s (file %,d bytes)%n", JourneyBench.secs(t),
                        Files.size(duckFile));
            }
        }
    }

    private static void run(String label, CohortQuery q, String sql, CohortService journeys, Connection duck) {
        long[] count = new long[1];
        long t0 = System.nanoTime();
        journeys.rawAttrition(q);
        double first = (System.nanoTime() - t0) / 1e6;
        double candidates = JourneyBench.best(5, () -> {
            long[] a = journeys.rawAttrition(q);
            count[0] = a[a.length - 1];
            return count[0];
        });
        long[] scanCount = new long[1];
        double scan = JourneyBench.best(3, () -> {
            long[] a = journeys.rawAttritionFullScan(q);
            scanCount[0] = a[a.length - 1];
            return scanCount[0];
        });
        long[] duckCount = {count[0]};
        double dk = !DUCKDB ? Double.NaN : JourneyBench.best(3, () -> {
            duckCount[0] = JourneyBench.sqlCount(duck, sql);
            return duckCount[0];
        });
        String counts = count[0] == scanCount[0] && count[0] == duckCount[0] ? String.format("%,d", count[0])
                : String.format("DIFFER c=%d scan=%d duckdb=%d", count[0], scanCount[0], duckCount[0]);
        System.out.printf("%-34s %10s %9.1f ms %9.1f ms %9.1f ms %9.1f ms %9.1fx %9.1fx%n", label, counts, candidates, first, scan,
                dk, dk / candidates, scan / candidates);
    }

    /**
     * Writes the patients' rows (as {@link #append} makes them) to a tab-separated file and loads it into
     * the table {@code ev} with DuckDB's bulk reader; returns the seconds the file took to write.
     */
    private static double copyInto(Connection duck, List<PatientJourney> patients, String prefix, Path rows)
            throws IOException, SQLException {
        long t = System.nanoTime();
        try (Writer w = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(128);
            for (PatientJourney p : patients) {
                String pid = prefix + p.id().value();
                int seq = 0;
                for (CareEvent e : p.events()) {
                    List<EventCode> codes = e.codes();
                    for (int i = 0; i < Math.max(1, codes.size()); i++) {
                        EventCode code = codes.isEmpty() ? null : codes.get(i);
                        line.setLength(0);
                        line.append(pid).append('\t').append(seq).append('\t').append(e.type().name()).append('\t')
                                .append(e.start().toEpochDay()).append('\t').append(e.end().toEpochDay()).append('\t')
                                .append(code == null ? "" : code.key()).append('\t').append(code == null ? "" : code.role().name())
                                .append('\n');
                        w.append(line);
                    }
                    seq++;
                }
            }
        }
        double written = JourneyBench.secs(t);
        try (Statement s = duck.createStatement()) {
            // Every column as the table has it; empty strings stay empty (not NULL), as the appender wrote them.
            s.execute("COPY ev FROM '" + rows.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT csv, DELIMITER '\t',"
                    + " HEADER false, NULLSTR '<null>')");
        }
        return written;
    }

    /** Appends one patient's events as DuckDB rows of the benchmark's event table (one row per event code). */
    static void append(DuckDBAppender a, PatientJourney p) throws SQLException {
        int seq = 0;
        for (CareEvent e : p.events()) {
            List<EventCode> codes = e.codes();
            for (int i = 0; i < Math.max(1, codes.size()); i++) {
                EventCode code = codes.isEmpty() ? null : codes.get(i);
                a.beginRow();
                a.append(p.id().value());
                a.append(seq);
                a.append(e.type().name());
                a.append((int) e.start().toEpochDay());
                a.append((int) e.end().toEpochDay());
                a.append(code == null ? "" : code.key());
                a.append(code == null ? "" : code.role().name());
                a.endRow();
            }
            seq++;
        }
    }

}

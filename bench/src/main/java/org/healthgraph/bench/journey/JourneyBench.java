package org.healthgraph.bench.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.Condition.Count;
import org.healthgraph.journeys.Condition.Side;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.ImportReport;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;

/**
 * Usage: {@code JourneyBench <patients> [workDir]}. Generates the extract, imports it (timing the
 * CSV read and join, the Neo4j writes and the index build), loads the same events into DuckDB,
 * then runs three queries in the three engines and prints times, counts and ratios.
 */
public final class JourneyBench {

    private JourneyBench() {
    }

    static final EventCriterion MI = EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21")
            .withRoles(CodeRole.PRINCIPAL);
    static final EventCriterion STATIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA");
    static final EventCriterion METFORMIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02");
    static final EventCriterion DEATH = new EventCriterion(Set.of(EventType.DEATH), null, null, null, null);

    static final CohortQuery MI_STATIN = CohortQuery.of(new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0),
            List.of(new InclusionRule("statin within 30 days after discharge",
                    Condition.after(STATIN, Condition.INDEX, Side.END, 0, 30))));
    static final CohortQuery MI_STATIN_ALIVE = CohortQuery.of(MI_STATIN.index(), List.of(MI_STATIN.rules().getFirst(),
            new InclusionRule("no death within 365 days after discharge",
                    Condition.after(DEATH, Condition.INDEX, Side.END, 0, 365).counting(Count.NONE, 0))));
    static final CohortQuery METFORMIN_3_IN_180 = CohortQuery.of(new IndexEvent(METFORMIN, IndexEvent.Occurrence.ALL, 0, 0),
            List.of(new InclusionRule("2 more metformin within 179 days",
                    Condition.after(METFORMIN, Condition.INDEX, Side.START, 0, 179).counting(Count.AT_LEAST, 2))));

    private static final String SQL_FIRST_MI = """
            WITH mi AS (SELECT pid, min(seq) AS seq FROM ev
                        WHERE type = 'HOSPITAL_STAY' AND code LIKE 'IR_CIM_V:I21%' AND role = 'PRINCIPAL' GROUP BY pid),
                 idx AS (SELECT DISTINCT e.pid, e.seq, e.start_day, e.end_day FROM ev e JOIN mi USING (pid, seq))
            """;
    static final String SQL_MI_STATIN = SQL_FIRST_MI + """
            SELECT count(*) FROM idx WHERE EXISTS (SELECT 1 FROM ev s WHERE s.pid = idx.pid AND s.seq <> idx.seq
                AND s.type = 'DRUG_DISPENSING' AND s.code LIKE 'ATC:C10AA%'
                AND s.start_day BETWEEN idx.end_day AND idx.end_day + 30)
            """;
    static final String SQL_MI_STATIN_ALIVE = SQL_FIRST_MI + """
            SELECT count(*) FROM idx WHERE EXISTS (SELECT 1 FROM ev s WHERE s.pid = idx.pid AND s.seq <> idx.seq
                AND s.type = 'DRUG_DISPENSING' AND s.code LIKE 'ATC:C10AA%'
                AND s.start_day BETWEEN idx.end_day AND idx.end_day + 30)
              AND NOT EXISTS (SELECT 1 FROM ev d WHERE d.pid = idx.pid AND d.type = 'DEATH'
                AND d.start_day BETWEEN idx.end_day AND idx.end_day + 365)
            """;
    static final String SQL_METFORMIN = """
            WITH met AS (SELECT DISTINCT pid, seq, start_day FROM ev WHERE type = 'DRUG_DISPENSING' AND code LIKE 'ATC:A10BA02%')
            SELECT count(DISTINCT pid) FROM (
              SELECT a.pid FROM met a JOIN met b ON a.pid = b.pid AND b.seq <> a.seq
                AND b.start_day BETWEEN a.start_day AND a.start_day + 179
              GROUP BY a.pid, a.seq HAVING count(*) >= 2)
            """;

    /** Patients per import transaction ({@code -Djourney.batch}). */
    static final int BATCH = Integer.getInteger("journey.batch", JourneyImporter.DEFAULT_BATCH);
    /** Longest a Cypher query may run before it is terminated and reported as a lower bound ({@code -Djourney.cypherTimeout}, seconds). */
    static final int CYPHER_TIMEOUT_SECONDS = Integer.getInteger("journey.cypherTimeout", 120);
    /** Batches written at once ({@code -Djourney.writers}). */
    static final int WRITERS = Integer.getInteger("journey.writers", JourneyImporter.DEFAULT_WRITERS);
    /** Stop after the import ({@code -Djourney.importOnly=true}): to profile the write path alone. */
    static final boolean IMPORT_ONLY = Boolean.getBoolean("journey.importOnly");
    /** Stop after reading the extract ({@code -Djourney.readOnly=true}): to profile the CSV read and join alone. */
    static final boolean READ_ONLY = Boolean.getBoolean("journey.readOnly");
    /** After a bulk load, also time the index rebuild from the graph ({@code -Djourney.rebuildFromGraph=true}). */
    static final boolean REBUILD_FROM_GRAPH = Boolean.getBoolean("journey.rebuildFromGraph");
    /** How the extract is written to Neo4j ({@code -Djourney.load=bulk|transactional}, default bulk: the database is new). */
    static final boolean BULK = !"transactional".equals(System.getProperty("journey.load", "bulk"));
    /**
     * Reuse the database of the work dir ({@code -Djourney.reuse=true}): no generation nor load; time the
     * timeline index rebuilt from the graph, saved, and opened from its file, then run the timeline queries.
     */
    static final boolean REUSE = Boolean.getBoolean("journey.reuse");
    /** The saved timeline index, under the data folder, where the server looks for it. */
    static final String INDEX_FOLDER = "journeys";

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("journey-bench-");
        Path extract = work.resolve("extract");
        Path neo4j = work.resolve("neo4j");
        if (REUSE) {
            reopen(neo4j);
            return;
        }
        deleteQuietly(neo4j);
        System.out.printf("journey benchmark: %,d synthetic patients, %d cores, max heap %,d MB, work dir %s%n", patients,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work);

        long t = System.nanoTime();
        SndsExtractGenerator.Summary gen = new SndsExtractGenerator(42).generate(patients, extract);
        System.out.printf("generate snds-extract: %,d dispensings, %,d stays, %,d deaths in %.1f s%n", gen.dispensings(),
                gen.stays(), gen.deaths(), secs(t));

        t = System.nanoTime();
        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(extract);
        double readSecs = secs(t);
        System.out.printf("import: read and join CSV tables: %,d patients, %,d events in %.1f s (stays left out for linkage codes: %,d)%n",
                ex.report().patients(), ex.report().events(), readSecs, ex.report().staysWithBadLinkage());
        if (READ_ONLY) {
            return;
        }

        Path indexDir = neo4j.resolve(INDEX_FOLDER);
        ImportReport bulk = null;
        if (BULK) {
            long cpu0 = cpuNanos();
            bulk = JourneyImporter.bulkLoad(neo4j, ex.patients(), line -> System.out.println("  " + line))
                    .orElseThrow(() -> new IllegalStateException("the bench database holds patients already"));
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("import: Neo4j bulk load %.1f s (%,.0f events/s), %.1f s of CPU (%,.0f events per CPU second);"
                    + " read + load %.1f s%n", bulk.millis() / 1000.0, bulk.events() / (bulk.millis() / 1000.0),
                    cpu, bulk.events() / cpu, readSecs + bulk.millis() / 1000.0);
            t = System.nanoTime();
            long bytes = CohortService.saveLoaded(indexDir, ex.patients(), bulk.stamp().orElseThrow());
            System.out.printf("timeline index built from the loaded patients and saved (as import snds-extract does): %,d bytes"
                    + " in %.1f s%n", bytes, secs(t));
            if (IMPORT_ONLY) {
                return;
            }
        }
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(neo4j))) {
            JourneyStore journeyStore = JourneyStores.on(store);
            journeyStore.ensureSchema();
            t = System.nanoTime();
            CohortService journeys = CohortService.over(journeyStore, Optional.of(indexDir), new IndexReadiness()).awaitReady();
            printOpen(journeys, secs(t));
            if (BULK) {
                if (REBUILD_FROM_GRAPH) {
                    rebuild(journeyStore);
                }
            } else {
                JourneyImporter importer = new JourneyImporter(journeyStore).withWriters(WRITERS);
                importer.addListener(journeys.keepingCurrent());
                final long t0 = System.nanoTime();
                long cpu0 = cpuNanos();
                ImportReport report = importer.importPatients(ex.patients(), BATCH, n -> {
                    if (n % 100_000 == 0) {
                        System.out.printf("  ... %,d patients written (%.0f s)%n", n, secs(t0));
                    }
                });
                double cpu = (cpuNanos() - cpu0) / 1e9;
                t = System.nanoTime();
                journeys.patientCount();
                double update = secs(t);
                System.out.printf("import: Neo4j writes %.1f s (%,.0f events/s), timeline index update %.1f s; total import %.1f s%n",
                        report.millis() / 1000.0, report.events() / (report.millis() / 1000.0), update,
                        readSecs + report.millis() / 1000.0 + update);
                System.out.printf("import: Neo4j writes used %.1f s of CPU (this JVM, all threads; %,.0f events per CPU second)%n",
                        cpu, report.events() / cpu);
                if (IMPORT_ONLY) {
                    return;
                }
                rebuild(journeyStore);
            }

            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                t = System.nanoTime();
                loadDuckDb(duck, ex.patients());
                System.out.printf("DuckDB: events loaded (one row per event code) in %.1f s%n", secs(t));
                ex = null;
                System.out.println();
                System.out.printf("%-34s %10s %11s %12s %12s %20s %13s %13s %10s %10s%n", "query", "patients", "timeline",
                        "1st call", "full scan", "Cypher", "DuckDB SQL", "Cypher/tl", "DuckDB/tl", "scan/tl");
                run("MI -> statin within 30 days", MI_STATIN, SQL_MI_STATIN, journeys, store, duck);
                run("... and no death within 1 year", MI_STATIN_ALIVE, SQL_MI_STATIN_ALIVE, journeys, store, duck);
                run(">= 3 metformin in 180 days", METFORMIN_3_IN_180, SQL_METFORMIN, journeys, store, duck);
            }
        }
        if (args.length < 2) {
            deleteQuietly(work);
        }
    }

    /** The index as a server opens it: rebuilt from the graph over Bolt, saved, then opened from the saved file. */
    private static void reopen(Path dataDir) throws IOException {
        Path scratch = Files.createTempDirectory(dataDir.toAbsolutePath().getParent(), "journeys-rebuilt-");
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(dataDir))) {
            JourneyStore journeyStore = JourneyStores.on(store);
            journeyStore.ensureSchema();
            System.out.printf("journey benchmark on the database of %s: %,d patients, %,d events, journeys stamp %s; %d cores,"
                    + " max heap %,d MB%n", dataDir, journeyStore.patientCount(), journeyStore.eventCount(),
                    journeyStore.stamp().map(Object::toString).orElse("none"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            long t = System.nanoTime();
            try (CohortService rebuilt = CohortService.over(journeyStore, Optional.of(scratch), new IndexReadiness())) {
                rebuilt.awaitReady();
                System.out.printf("(a) timeline index rebuilt from the graph over Bolt (no saved file) and saved: %.1f s%n", secs(t));
            }
            t = System.nanoTime();
            CohortService journeys = CohortService.over(journeyStore, Optional.of(scratch), new IndexReadiness()).awaitReady();
            printOpen(journeys, secs(t));
            System.out.printf("%-34s %10s %11s%n", "query", "patients", "timeline");
            for (Object[] q : new Object[][] {{"MI -> statin within 30 days", MI_STATIN},
                    {"... and no death within 1 year", MI_STATIN_ALIVE}, {">= 3 metformin in 180 days", METFORMIN_3_IN_180}}) {
                long[] count = new long[1];
                double ms = best(5, () -> {
                    long[] a = journeys.rawAttrition((CohortQuery) q[1]);
                    count[0] = a[a.length - 1];
                    return count[0];
                });
                System.out.printf("%-34s %,10d %8.1f ms%n", q[0], count[0], ms);
            }
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void printOpen(CohortService journeys, double secs) {
        CohortService.OpenReport open = journeys.lastOpen().orElseThrow();
        if (open.loaded()) {
            System.out.printf("(b) timeline index opened from its saved file: %,d patients, %,d events, %,d bytes (%.1f bytes an"
                    + " event, heap ~%,d MB) in %.2f s (file read and checked in %.2f s)%n", journeys.patientCount(),
                    journeys.eventCount(), open.fileBytes(), (double) open.fileBytes() / Math.max(1, journeys.eventCount()),
                    journeys.indexBytes() >> 20, secs, open.millis() / 1000.0);
        } else {
            System.out.printf("timeline index rebuilt from the graph (%s): %,d patients, %,d events in %.1f s%n", open.reason(),
                    journeys.patientCount(), journeys.eventCount(), secs);
        }
    }

    private static void rebuild(JourneyStore journeyStore) {
        long t = System.nanoTime();
        try (CohortService rebuilt = CohortService.over(journeyStore, Optional.empty(), new IndexReadiness())) {
            rebuilt.awaitReady();
            System.out.printf("(a) timeline index rebuilt from the graph (streamed over Bolt, as a server without a saved index"
                    + " does at start): %,d patients, %,d events, ~%,d MB in %.1f s%n", rebuilt.patientCount(),
                    rebuilt.eventCount(), rebuilt.indexBytes() >> 20, secs(t));
        }
    }

    private static void run(String label, CohortQuery q, String sql, CohortService journeys, GraphStore store, Connection duck) {
        long[] tlCount = new long[1];
        // The first query of an index also makes its patient sets (once per index): timed apart.
        long t0 = System.nanoTime();
        journeys.rawAttrition(q);
        double first = (System.nanoTime() - t0) / 1e6;
        double tl = best(5, () -> {
            long[] a = journeys.rawAttrition(q);
            tlCount[0] = a[a.length - 1];
            return tlCount[0];
        });
        long[] fsCount = new long[1];
        double fs = best(3, () -> {
            long[] a = journeys.rawAttritionFullScan(q);
            fsCount[0] = a[a.length - 1];
            return fsCount[0];
        });
        long[] cyCount = {-1};
        double cy = Double.MAX_VALUE;
        boolean timedOut = false;
        for (int i = 0; i < 2 && !timedOut && cy > 30_000; i++) {
            long t = System.nanoTime();
            Optional<long[]> a = cypherWithin(journeys, store, q);
            if (a.isEmpty()) {
                timedOut = true;
                cy = CYPHER_TIMEOUT_SECONDS * 1000.0;
            } else {
                cy = Math.min(cy, (System.nanoTime() - t) / 1e6);
                cyCount[0] = a.get()[a.get().length - 1];
            }
        }
        long[] dkCount = new long[1];
        double dk = best(5, () -> {
            dkCount[0] = sqlCount(duck, sql);
            return dkCount[0];
        });
        boolean agree = tlCount[0] == dkCount[0] && tlCount[0] == fsCount[0] && (timedOut || tlCount[0] == cyCount[0]);
        String counts = agree ? String.format("%,d", tlCount[0])
                : String.format("DIFFER tl=%d full-scan=%d cypher=%d duckdb=%d", tlCount[0], fsCount[0], cyCount[0], dkCount[0]);
        String cyText = timedOut ? String.format("> %d s (timed out)", CYPHER_TIMEOUT_SECONDS) : String.format("%.0f ms", cy);
        String ratio = (timedOut ? "> " : "") + String.format("%.0fx", cy / tl);
        System.out.printf("%-34s %10s %8.1f ms %9.1f ms %9.1f ms %20s %10.1f ms %13s %9.1fx %9.1fx%n", label, counts, tl,
                first, fs, cyText, dk, ratio, dk / tl, fs / tl);
    }

    /** The Cypher cross-check, or empty when it ran longer than the timeout (then it is terminated in Neo4j). */
    private static Optional<long[]> cypherWithin(CohortService journeys, GraphStore store, CohortQuery q) {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cypher-query");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<long[]> f = one.submit(() -> journeys.crossCheck(q));
            try {
                return Optional.of(f.get(CYPHER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                terminateCypherQueries(store);
                try {
                    f.get(120, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException ended) {
                    // terminated, as asked
                }
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the Cypher cross-check failed: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            one.shutdownNow();
        }
    }

    private static void terminateCypherQueries(GraphStore store) {
        List<Object> ids = Neo4jGraph.require(store, "Cypher").read("SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $marker"
                + " RETURN transactionId", Map.of("marker", "(p:Patient)-[:HAD]->(a:CareEvent)"))
                .stream().map(r -> r.get("transactionId")).toList();
        if (!ids.isEmpty()) {
            Neo4jGraph.require(store, "Cypher").writeCypher(w -> w.run("TERMINATE TRANSACTIONS $ids", Map.of("ids", ids)));
        }
    }

    /** Best of n runs, in milliseconds. */
    static double best(int n, LongSupplier work) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            work.getAsLong();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    static long sqlCount(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    private static void loadDuckDb(Connection c, List<PatientJourney> patients) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ev (pid VARCHAR, seq INTEGER, type VARCHAR, start_day INTEGER, end_day INTEGER, code VARCHAR, role VARCHAR)");
        }
        try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ev")) {
            for (PatientJourney p : patients) {
                IndexScaleBench.append(a, p);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ev2 AS SELECT * FROM ev ORDER BY pid, seq");
            s.execute("DROP TABLE ev");
            s.execute("ALTER TABLE ev2 RENAME TO ev");
        }
    }

    /** CPU time of this JVM (all threads, Neo4j's included): unlike wall time, not inflated by other processes. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Deletes a scratch folder and what it holds, ignoring what cannot be deleted. */
    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder
        }
    }

}

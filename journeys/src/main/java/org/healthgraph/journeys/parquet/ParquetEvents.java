package org.healthgraph.journeys.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientJourney;

/**
 * Writes care events as Parquet in the {@link EventsLayout}. The events are appended to an
 * in-process DuckDB (one row per event code, spilled to a temporary folder inside the output when
 * they outgrow its memory), then written by one DuckDB {@code COPY ... (FORMAT PARQUET)} per bucket
 * into {@code patient_bucket=N/part-0.parquet}; the layout file is written last. DuckDB rather than parquet-java: one jar with no
 * dependencies (parquet-java's writer needs Hadoop's client libraries), already used by the
 * benchmarks, and its partitioned writer is the layout. It is an optional dependency of journeys:
 * the application (the {@code export events} command) declares it, other users of journeys do not
 * get it.
 */
public final class ParquetEvents {

    /** Buckets when none are asked for (docs/scale-out.md says how to size them). */
    public static final int DEFAULT_BUCKETS = 64;
    /** Most buckets a layout may have. */
    public static final int MAX_BUCKETS = 65_536;

    private ParquetEvents() {
    }

    /**
     * Writes every patient that {@code patients} gives (to the consumer it is handed) into {@code out}.
     *
     * @param out a folder that does not exist yet, or an empty one (never overwritten: an export run twice fails)
     * @param bucketCount buckets to hash patients into, 1 to {@value #MAX_BUCKETS}
     * @param patients calls its argument once per patient, each patient once
     * @return the layout written
     */
    public static EventsLayout write(Path out, int bucketCount, Consumer<Consumer<PatientJourney>> patients) {
        if (bucketCount < 1 || bucketCount > MAX_BUCKETS) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "buckets must be 1 to " + MAX_BUCKETS + ", got " + bucketCount);
        }
        requireEmpty(out);
        Path spill = out.resolve(".duckdb-tmp");
        long[] bucketPatients = new long[bucketCount];
        long[] bucketEvents = new long[bucketCount];
        try {
            Files.createDirectories(spill);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET temp_directory = '" + sqlString(spill.toAbsolutePath().toString()) + "'");
                    s.execute("SET preserve_insertion_order = false");
                    // DuckDB's default is 80% of the RAM, beside this JVM's heap: at 1M patients the process grew to
                    // 22 GB on a 24 GB machine. Bounded, it spills to temp_directory instead.
                    s.execute("SET memory_limit = '" + duckDbMemoryMegabytes() + "MB'");
                    s.execute("CREATE TABLE ev (patient_bucket INTEGER, patient_id VARCHAR, birth_day INTEGER, event_no INTEGER,"
                            + " type VARCHAR, start_day INTEGER, end_day INTEGER, source VARCHAR, quantity INTEGER,"
                            + " code_no INTEGER, code_system VARCHAR, code VARCHAR, code_role VARCHAR)");
                }
                try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ev")) {
                    patients.accept(p -> append(a, p, bucketCount, bucketPatients, bucketEvents));
                }
                try (Statement s = c.createStatement()) {
                    // One statement per bucket: a single COPY of every row with PARTITION_BY grouped all the
                    // events at once, and DuckDB cannot spill a list() aggregate: at 1M patients (21M events)
                    // it ran out of its memory limit. A bucket's statement holds about 1/buckets of them.
                    for (int b = 0; b < bucketCount; b++) {
                        if (bucketPatients[b] > 0) {
                            Path folder = out.resolve(EventsLayout.BUCKET + "=" + b);
                            Files.createDirectories(folder);
                            s.execute(copy(b, folder.resolve("part-0.parquet")));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot write the Parquet events in " + out + ": DuckDB failed ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot write the Parquet events in " + out + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            deleteTree(spill);
        }
        EventsLayout layout = layout(bucketCount, bucketPatients, bucketEvents);
        try {
            Files.writeString(out.resolve(EventsLayout.FILE_NAME), layout.toJson());
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot write " + out.resolve(EventsLayout.FILE_NAME) + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return layout;
    }

    private static void append(DuckDBAppender a, PatientJourney p, int bucketCount, long[] bucketPatients, long[] bucketEvents) {
        if (p.events().isEmpty()) {
            return;
        }
        int bucket = EventsLayout.bucketOf(p.id(), bucketCount);
        bucketPatients[bucket]++;
        bucketEvents[bucket] += p.events().size();
        try {
            int eventNo = 0;
            for (CareEvent e : p.events()) {
                List<EventCode> codes = e.codes();
                int n = Math.max(1, codes.size());
                for (int k = 0; k < n; k++) {
                    a.beginRow();
                    a.append(bucket);
                    a.append(p.id().value());
                    if (p.birthDate().isPresent()) {
                        a.append((int) p.birthDate().get().toEpochDay());
                    } else {
                        a.appendNull();
                    }
                    a.append(eventNo);
                    a.append(e.type().name());
                    a.append((int) e.start().toEpochDay());
                    a.append((int) e.end().toEpochDay());
                    a.append(e.source());
                    a.append(e.quantity());
                    if (codes.isEmpty()) {
                        a.appendNull();
                        a.appendNull();
                        a.appendNull();
                        a.appendNull();
                    } else {
                        EventCode code = codes.get(k);
                        a.append(k);
                        a.append(code.system().name());
                        a.append(code.code());
                        a.append(code.role().name());
                    }
                    a.endRow();
                }
                eventNo++;
            }
        } catch (SQLException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot append care events to DuckDB ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The COPY of bucket {@code bucket}'s events into {@code file}: one row per event, its codes a list in
     * their order, dates as Parquet DATE; the bucket is the folder's name, not a column.
     */
    private static String copy(int bucket, Path file) {
        String epoch = "DATE '1970-01-01' + ";
        return "COPY (SELECT patient_id AS " + EventsLayout.PATIENT_ID
                + ", CASE WHEN birth_day IS NULL THEN NULL ELSE " + epoch + "birth_day END AS " + EventsLayout.BIRTH_DATE
                + ", event_no AS " + EventsLayout.EVENT_NO + ", type AS " + EventsLayout.TYPE
                + ", " + epoch + "start_day AS " + EventsLayout.START_DATE + ", " + epoch + "end_day AS " + EventsLayout.END_DATE
                + ", source AS " + EventsLayout.SOURCE + ", quantity AS " + EventsLayout.QUANTITY
                + ", list({'system': code_system, 'code': code, 'role': code_role} ORDER BY code_no)"
                + " FILTER (WHERE code IS NOT NULL) AS " + EventsLayout.CODES
                + " FROM ev WHERE patient_bucket = " + bucket
                + " GROUP BY patient_id, birth_day, event_no, type, start_day, end_day, source, quantity"
                + " ORDER BY patient_id, event_no)"
                + " TO '" + sqlString(file.toAbsolutePath().toString()) + "' (FORMAT PARQUET)";
    }

    /**
     * DuckDB's memory for the staging table and the sort: half of the RAM this JVM's heap leaves, from
     * 256 MB to 4 GB (more only shortens the spill of an export that is written once).
     */
    static long duckDbMemoryMegabytes() {
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long left = Math.max(0, ram - Runtime.getRuntime().maxMemory());
        return Math.clamp(left / 2 >> 20, 256, 4096);
    }

    private static EventsLayout layout(int bucketCount, long[] patients, long[] events) {
        List<EventsLayout.Bucket> buckets = new ArrayList<>();
        long p = 0;
        long e = 0;
        for (int b = 0; b < bucketCount; b++) {
            if (patients[b] > 0) {
                buckets.add(new EventsLayout.Bucket(b, patients[b], events[b]));
                p += patients[b];
                e += events[b];
            }
        }
        return new EventsLayout(EventsLayout.SCHEMA_VERSION, bucketCount, p, e, buckets);
    }

    private static void requireEmpty(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "--out " + out + " is a file: give a new folder");
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw new JourneyException(ErrorKind.CONFLICT, "--out " + out + " is not empty: give a new folder"
                        + " (an export never overwrites files)");
            }
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.INVALID_INPUT, "cannot read --out " + out + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String sqlString(String s) {
        return s.replace("'", "''");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover spill folder wastes space but loses nothing; the export's result stands.
        }
    }
}

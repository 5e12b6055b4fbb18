package org.healthgraph.journeys;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphBulkLoad;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.journeys.internal.TimelineEngine;
import org.healthgraph.journeys.internal.TimelineIndex;
import org.healthgraph.journeys.store.CohortCrossCheck;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;

/**
 * Patient journeys over one graph: imports patients with their care events, keeps the in-memory
 * timeline index current, and answers cohort queries with it; {@link #crossCheck} answers the same
 * query in Cypher on the graph. Thread-safe: queries run against the index current when they start.
 */
public final class Journeys {

    /**
     * Patients written per transaction: about 40,000 events with 20 events per patient. Larger
     * transactions save little CPU and their state (on the heap, promoted to the old generation
     * while they last) made a 9 GB heap thrash at 5,000 patients with two writers.
     */
    public static final int DEFAULT_BATCH = 2_000;

    /** Batches written at once by an import. */
    public static final int DEFAULT_WRITERS = 2;

    private final Optional<JourneyStore> graph;
    private volatile TimelineIndex index;
    private volatile int writers = DEFAULT_WRITERS;

    private Journeys(GraphStore store, TimelineIndex index) {
        this.graph = Optional.ofNullable(store).map(JourneyStores::on);
        this.index = index;
    }

    /** Journeys held in memory only (no graph, no cross-check): for tests, demos and benchmarks of the index alone. */
    public static Journeys inMemory() {
        return new Journeys(null, TimelineIndex.empty());
    }

    /** Opens journeys on a graph: ensures the schema and builds the timeline index from the graph (streamed). */
    public static Journeys open(GraphStore store) {
        Journeys j = new Journeys(Objects.requireNonNull(store, "store"), TimelineIndex.empty());
        j.graph.orElseThrow().ensureSchema();
        j.rebuildIndex();
        return j;
    }

    /**
     * A first load of many patients, written offline by Neo4j's batch importer into the embedded
     * database under {@code dataDir} (see {@link GraphBulkLoad}): the same nodes and relationships as
     * {@link #importPatients}, tens of times faster. Nothing may have the database open. Returns
     * empty, changing nothing, when the graph holds patients already: then import them with
     * {@link #importPatients}, which replaces their events. All or nothing: a failure leaves the
     * database as it was. The timeline index is built when journeys are next {@link #open opened}.
     *
     * @param progress receives one line per phase (counts and times only)
     */
    public static Optional<ImportReport> bulkLoad(Path dataDir, List<PatientJourney> patients, Consumer<String> progress) {
        long t0 = System.nanoTime();
        return JourneyStores.bulkLoad(dataDir, patients, progress).map(r -> new ImportReport(r.patients(), r.events(),
                (System.nanoTime() - t0) / 1_000_000, 0));
    }

    /**
     * Opens journeys on a graph that {@link #bulkLoad} has just loaded with these patients: ensures
     * the schema and builds the timeline index from the patients in memory rather than reading tens
     * of millions of events back from the graph (what {@link #open} does).
     */
    public static Journeys openBulkLoaded(GraphStore store, List<PatientJourney> loaded) {
        Journeys j = new Journeys(Objects.requireNonNull(store, "store"), TimelineIndex.empty());
        j.graph.orElseThrow().ensureSchema();
        j.index = TimelineIndex.empty().replacing(loaded);
        return j;
    }

    /** Rebuilds the timeline index from the graph, reading patients page by page. */
    public void rebuildIndex() {
        TimelineIndex.Builder b = new TimelineIndex.Builder();
        graph().forEachPatient(5_000, b::add);
        index = b.build();
    }

    /**
     * Imports patients in batches of {@code batchSize}, each batch one transaction that replaces the
     * patients' former events; then updates the timeline index with them. A failing batch is rolled
     * back (no half-imported patient), the import stops with its error, and it can be re-run.
     * {@link #writers} batches are written at once (disjoint patients); a batch that repeats a
     * patient of an earlier batch waits until the earlier batches are committed, so the last wins.
     */
    public ImportReport importPatients(Iterable<PatientJourney> patients, int batchSize, Consumer<Long> progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        long t0 = System.nanoTime();
        List<PatientJourney> all = new ArrayList<>();
        long events = 0;
        try (BatchWriter out = new BatchWriter(graph.isPresent() ? writers : 1, progress)) {
            List<PatientJourney> batch = new ArrayList<>(batchSize);
            for (PatientJourney p : patients) {
                batch.add(p);
                all.add(p);
                events += p.events().size();
                if (batch.size() == batchSize) {
                    out.submit(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                out.submit(batch);
            }
        }
        long t1 = System.nanoTime();
        synchronized (this) {
            index = index.replacing(all);
        }
        long t2 = System.nanoTime();
        return new ImportReport(all.size(), events, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /**
     * Patients written concurrently: up to {@code writers} batches in flight, each in its own
     * transaction. Closing waits for every batch and rethrows the first failure.
     */
    private final class BatchWriter implements AutoCloseable {
        private final ExecutorService pool;
        private final Deque<Future<?>> inFlight = new ArrayDeque<>();
        private final Deque<Integer> pendingSizes = new ArrayDeque<>();
        private final Set<String> submitted = new HashSet<>();
        private final int writers;
        private final Consumer<Long> progress;
        private long written;

        BatchWriter(int writers, Consumer<Long> progress) {
            this.writers = writers;
            this.progress = progress;
            this.pool = writers == 1 ? null : Executors.newFixedThreadPool(writers, r -> {
                Thread t = new Thread(r, "journey-writer");
                t.setDaemon(true);
                return t;
            });
        }

        void submit(List<PatientJourney> batch) {
            if (pool == null) {
                writeBatch(batch);
                report(batch.size());
                return;
            }
            boolean repeats = false;
            for (PatientJourney p : batch) {
                repeats |= !submitted.add(p.id().value());
            }
            while (!inFlight.isEmpty() && (repeats || inFlight.size() >= writers)) {
                awaitOldest();
            }
            inFlight.add(pool.submit(() -> writeBatch(batch)));
            pendingSizes.add(batch.size());
        }

        private void awaitOldest() {
            Future<?> f = inFlight.removeFirst();
            int size = pendingSizes.removeFirst();
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JourneyException("interrupted while writing patients", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new JourneyException("writing patients failed: " + e.getCause(), e.getCause());
            }
            report(size);
        }

        private void report(int size) {
            written += size;
            progress.accept(written);
        }

        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            try {
                while (!inFlight.isEmpty()) {
                    awaitOldest();
                }
            } finally {
                inFlight.forEach(f -> f.cancel(false));
                pool.shutdown();
            }
        }
    }

    /** Sets how many batches an import writes at once (1: one after the other); returns this. */
    public Journeys withWriters(int count) {
        if (count < 1 || count > 16) {
            throw new IllegalArgumentException("writers must be between 1 and 16, got " + count);
        }
        writers = count;
        return this;
    }

    /** Imports with the default batch size and no progress. */
    public ImportReport importPatients(Iterable<PatientJourney> patients) {
        return importPatients(patients, DEFAULT_BATCH, n -> { });
    }

    /** Counts, attrition and pathways, suppressed below the query's threshold. */
    public CohortResult cohort(CohortQuery query) {
        return new TimelineEngine(index, query).run().result();
    }

    /** Raw (unsuppressed) patients after each step, by the timeline engine: for tests and benchmarks. */
    public long[] rawAttrition(CohortQuery query) {
        return new TimelineEngine(index, query).run().rawAttrition();
    }

    /** A page of the ids of the patients in the cohort, in id order (for authorised users only). */
    public List<PatientId> patientIds(CohortQuery query, int offset, int limit) {
        requirePage(offset, limit);
        return new TimelineEngine(index, query).run().patientIds(offset, limit).stream().map(PatientId::new).toList();
    }

    /** All events of a patient, in timeline order. */
    public Optional<List<CareEvent>> events(PatientId id) {
        return index.events(id);
    }

    /** The events a query matched for a patient (index first, then named events), if it is in the cohort. */
    public Optional<List<MatchedEvent>> matchedEvents(CohortQuery query, PatientId id) {
        return new TimelineEngine(index, query).matchedEvents(id.value());
    }

    /** The same query in Cypher on the graph: raw patients after each step. */
    public long[] crossCheck(CohortQuery query) {
        return cypher().rawAttrition(query);
    }

    /** The same query in Cypher on the graph: a page of cohort patient ids. */
    public List<PatientId> crossCheckIds(CohortQuery query, int offset, int limit) {
        requirePage(offset, limit);
        return cypher().patientIds(query, offset, limit);
    }

    /** The Cypher statement the cross-check runs. */
    public String cypherOf(CohortQuery query) {
        return cypher().statement(query);
    }

    public int patientCount() {
        return index.patientCount();
    }

    public int eventCount() {
        return index.eventCount();
    }

    /** Approximate heap size of the timeline index. */
    public long indexBytes() {
        return index.sizeInBytes();
    }

    private void writeBatch(List<PatientJourney> batch) {
        if (graph.isPresent()) {
            graph.get().write(batch);
        }
    }

    private JourneyStore graph() {
        return graph.orElseThrow(() -> new JourneyException("these journeys are held in memory only: no graph to read"));
    }

    private CohortCrossCheck cypher() {
        return graph.orElseThrow(() -> new JourneyException("these journeys are held in memory only: no Cypher cross-check"))
                .crossCheck().orElseThrow(() -> new JourneyException(ErrorKind.INVALID_INPUT, "the Cypher cross-check needs"
                        + " the Neo4j backend; this graph's backend is " + graph.get().backend()));
    }

    private static void requirePage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw new InvalidQueryException("a page needs offset >= 0 and 1 <= limit <= 10000, got offset=" + offset
                    + " limit=" + limit);
        }
    }
}

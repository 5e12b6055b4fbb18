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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;
import org.healthgraph.journeys.store.JourneysStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of journeys: imports patients into the graph through the {@link JourneyStore},
 * batch by batch, and tells its listeners what each committed batch changed ({@link JourneyChange}).
 * It holds no index: the query side ({@link CohortService}) listens and keeps its own. Thread-safe.
 */
public final class JourneyImporter {

    private static final Logger LOG = LoggerFactory.getLogger(JourneyImporter.class);

    /**
     * Patients written per transaction: about 40,000 events with 20 events per patient. Larger
     * transactions save little CPU and their state (on the heap, promoted to the old generation
     * while they last) made a 9 GB heap thrash at 5,000 patients with two writers.
     */
    public static final int DEFAULT_BATCH = 2_000;

    /** Batches written at once by an import. */
    public static final int DEFAULT_WRITERS = 2;

    private final JourneyStore store;
    private final List<JourneyChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile int writers = DEFAULT_WRITERS;

    public JourneyImporter(JourneyStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Creates the constraints and indexes journeys need; idempotent. */
    public void ensureSchema() {
        store.ensureSchema();
    }

    /** Adds a listener told after every committed batch. */
    public void addListener(JourneyChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(JourneyChangeListener listener) {
        listeners.remove(listener);
    }

    /** Sets how many batches an import writes at once (1: one after the other); returns this. */
    public JourneyImporter withWriters(int count) {
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

    /**
     * Imports patients in batches of {@code batchSize}, each batch one transaction that replaces the
     * patients' former events and moves the journeys stamp; after each commit the listeners are told.
     * A failing batch is rolled back (no half-imported patient), the import stops with its error, and
     * it can be re-run; the batches committed before it stand and have been told. {@link #withWriters}
     * batches are written at once (disjoint patients); a batch that repeats a patient of an earlier
     * batch waits until the earlier batches are committed and told, so the last wins everywhere.
     *
     * @param progress receives the number of patients written so far, after each batch
     */
    public ImportReport importPatients(Iterable<PatientJourney> patients, int batchSize, Consumer<Long> progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        long t0 = System.nanoTime();
        long count = 0;
        long events = 0;
        try (BatchWriter out = new BatchWriter(writers, progress)) {
            List<PatientJourney> batch = new ArrayList<>(batchSize);
            for (PatientJourney p : patients) {
                batch.add(p);
                count++;
                events += p.events().size();
                if (batch.size() == batchSize) {
                    out.submit(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                out.submit(batch);
            }
            out.awaitAll();
            return new ImportReport(count, events, (System.nanoTime() - t0) / 1_000_000, out.lastStamp());
        }
    }

    /**
     * A first load of many patients into the embedded Neo4j under {@code dataDir}, written offline
     * by Neo4j's batch importer (see {@link JourneyStores#bulkLoad}); nothing may have the database
     * open, so no listener is told: the caller holds the patients and the stamp
     * ({@link CohortService#saveLoaded}). Empty, changing nothing, when the graph holds journeys
     * already: then use {@link #importPatients}.
     *
     * @param progress receives one line per phase (counts and times only)
     */
    public static Optional<ImportReport> bulkLoad(Path dataDir, List<PatientJourney> patients, Consumer<String> progress) {
        long t0 = System.nanoTime();
        return JourneyStores.bulkLoad(dataDir, patients, progress).map(r -> new ImportReport(r.patients(), r.events(),
                (System.nanoTime() - t0) / 1_000_000, Optional.of(r.stamp())));
    }

    /** Whether this JVM can run the bulk load (see {@link JourneyStores#bulkLoadAvailable}). */
    public static boolean bulkLoadAvailable() {
        return JourneyStores.bulkLoadAvailable();
    }

    private JourneysStamp write(List<PatientJourney> batch) {
        List<JourneyChangeListener> told = List.copyOf(listeners);
        for (JourneyChangeListener listener : told) {
            listener.writing();
        }
        JourneysStamp stamp;
        try {
            stamp = store.write(batch);
        } catch (RuntimeException | Error e) {
            for (JourneyChangeListener listener : told) {
                listener.abandoned();
            }
            throw e;
        }
        JourneyChange change = new JourneyChange(batch, stamp);
        for (JourneyChangeListener listener : told) {
            try {
                listener.committed(change);
            } catch (RuntimeException e) {
                LOG.warn("A journeys change listener failed on {}; the write stands", change, e);
            }
        }
        return stamp;
    }

    /**
     * Patients written concurrently: up to {@code writers} batches in flight, each in its own
     * transaction. Closing waits for every batch; the first failure is rethrown.
     */
    private final class BatchWriter implements AutoCloseable {
        private final ExecutorService pool;
        private final Deque<Future<JourneysStamp>> inFlight = new ArrayDeque<>();
        private final Deque<Integer> pendingSizes = new ArrayDeque<>();
        private final Set<String> submitted = new HashSet<>();
        private final int writers;
        private final Consumer<Long> progress;
        private long written;
        private JourneysStamp last;

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
                record(write(batch), batch.size());
                return;
            }
            boolean repeats = false;
            for (PatientJourney p : batch) {
                repeats |= !submitted.add(p.id().value());
            }
            while (!inFlight.isEmpty() && (repeats || inFlight.size() >= writers)) {
                awaitOldest();
            }
            inFlight.add(pool.submit(() -> write(batch)));
            pendingSizes.add(batch.size());
        }

        private void awaitOldest() {
            Future<JourneysStamp> f = inFlight.removeFirst();
            int size = pendingSizes.removeFirst();
            try {
                record(f.get(), size);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JourneyException("interrupted while writing patients", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new JourneyException("writing patients failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
            }
        }

        private void record(JourneysStamp stamp, int size) {
            if (last == null || stamp.version() > last.version()) {
                last = stamp;
            }
            written += size;
            progress.accept(written);
        }

        void awaitAll() {
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        Optional<JourneysStamp> lastStamp() {
            return Optional.ofNullable(last);
        }

        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            try {
                // After a failure: let the batches in flight finish (their patients are disjoint), so
                // that nothing is written after the import has returned.
                for (Future<JourneysStamp> f : inFlight) {
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (ExecutionException e) {
                        // the first failure is the one reported
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}

package org.healthgraph.journeys;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.internal.TimelineEngine;
import org.healthgraph.journeys.internal.TimelineIndex;
import org.healthgraph.journeys.internal.TimelineIndexFile;
import org.healthgraph.journeys.store.CohortCrossCheck;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneysStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query side of journeys: owns the in-memory timeline index, keeps it current from the
 * importer's changes ({@link #keepingCurrent}), and answers cohorts, cohort patient ids, a
 * patient's events and matched events; the Cypher cross-check is delegated to the store when its
 * backend has one.
 *
 * <p>The index is saved beside the graph ({@code <dir>/timeline.idx}) with the journeys stamp it is
 * current at. {@link #start} opens it in the background: when the saved file's stamp is the graph's,
 * the file is loaded (seconds for millions of patients); when the file is missing, truncated,
 * altered, of another format version or of another state of the graph, the index is rebuilt from
 * the graph, one log line saying why, and saved. Until it is ready, requests that need it fail at
 * once with an {@link ErrorKind#UNAVAILABLE} {@link JourneyException} (the API answers 503 with
 * Retry-After), and its state is reported to the {@link IndexReadiness} registry.
 *
 * <p>Changes are queued as they are committed and applied, all at once, by the next request that
 * needs the index (or the next save). The stamp of the index advances only over an unbroken run
 * of committed versions, so an index that missed a write (another process wrote) is saved with an
 * older stamp than the graph's and will be rebuilt rather than trusted; a running service notices
 * such a write by {@link #refreshIfStale} (before each request, and on an interval) and reopens
 * its index, answering unavailable meanwhile.
 *
 * <p>Requests from the API run on the service's own bounded pool of cohort workers
 * ({@link CohortWorkers}: threads, queue, per-caller share), each with a {@link CohortCall} whose
 * {@link Cancellation} the engine looks at between chunks of patients; the synchronous methods
 * (commands, tests, benchmarks) run on the calling thread and the common pool. Thread-safe.
 */
public final class CohortService implements AutoCloseable {

    /** The name under which the index reports its readiness. */
    public static final String INDEX_NAME = "timeline index";

    private static final Logger LOG = LoggerFactory.getLogger(CohortService.class);
    private static final int PAGE = 5_000;
    /** A failed build is tried again by a request arriving at least this long after it. */
    private static final Duration RETRY_FAILED_AFTER = Duration.ofSeconds(30);

    /** Where the index stands. */
    private enum Phase { NOT_STARTED, BUILDING, READY, FAILED }

    /** The index and the stamp it is current at (empty: the graph had none). */
    private record Snapshot(TimelineIndex index, Optional<JourneysStamp> stamp) {
    }

    /**
     * How the index was last opened.
     *
     * @param loaded true when read from the saved file, false when rebuilt (or held in memory only)
     * @param reason why it was rebuilt ("" when loaded)
     * @param millis time taken
     * @param fileBytes size of the saved file read or written (0 when none)
     */
    public record OpenReport(boolean loaded, String reason, long millis, long fileBytes) {
    }

    private final Optional<JourneyStore> store;
    private final Optional<Path> dir;
    private final IndexReadiness.Tracker tracker;
    private final Object lock = new Object();
    private final Object saveLock = new Object();
    private final AtomicLong progress = new AtomicLong();
    private final CohortWorkers workers;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perCaller = new ConcurrentHashMap<>();

    // Guarded by lock.
    private Phase phase = Phase.NOT_STARTED;
    private long failedAt;
    private String failure = "";
    private ErrorKind failureKind = ErrorKind.INTERNAL;
    private List<JourneyChange> pending = new ArrayList<>();
    private StampChain stamps = new StampChain(Optional.empty());
    private boolean dirty;
    private boolean closed;
    private OpenReport lastOpen;
    /** The index was dropped because another process wrote: said in the unavailable message. */
    private boolean catchingUp;
    /** Writes of this process begun and not yet told (or abandoned): the graph's stamp may show them already. */
    private int writing;
    /** Writes of this process told so far, whatever the phase: a stamp read across one is not compared. */
    private long told;

    private volatile Snapshot current;

    /** The positions of a project's patients in one index (the one they were computed for). */
    private record Population(TimelineIndex index, BitSet members) {
    }

    /** Populations of the projects queries were restricted to, each valid for the index it names. */
    private final ConcurrentHashMap<ProjectCode, Population> populations = new ConcurrentHashMap<>();
    /** The projects of an in-memory service's patients (a store-backed service asks its store). */
    private Map<ProjectCode, List<PatientId>> memoryProjects = Map.of();

    private CohortService(Optional<JourneyStore> store, Optional<Path> dir, IndexReadiness readiness, CohortWorkers workers) {
        this.store = store;
        this.dir = dir;
        this.tracker = readiness.track(INDEX_NAME);
        this.workers = Objects.requireNonNull(workers, "workers");
        AtomicInteger n = new AtomicInteger();
        // Its own bounded pool: evaluations never run on the request threads nor on the common pool
        // that the rest of the server shares, and a full queue is refused, not waited on.
        this.pool = new ThreadPoolExecutor(workers.threads(), workers.threads(), 30, TimeUnit.SECONDS,
                workers.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(workers.queue()),
                r -> Thread.ofPlatform().name("cohort-worker-" + n.incrementAndGet()).daemon().unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * The cohort service over a journey store.
     *
     * @param dir the folder where the index is saved and looked for ({@code <data-dir>/journeys}); empty: never saved
     * @param readiness where the index reports its state
     */
    public static CohortService over(JourneyStore store, Optional<Path> dir, IndexReadiness readiness) {
        return over(store, dir, readiness, CohortWorkers.defaults());
    }

    /**
     * The cohort service over a journey store, with its own pool of cohort workers.
     *
     * @param dir the folder where the index is saved and looked for ({@code <data-dir>/journeys}); empty: never saved
     * @param readiness where the index reports its state
     * @param workers the pool that runs the evaluations asked for by {@link #cohort(CohortQuery, CohortCall)}
     */
    public static CohortService over(JourneyStore store, Optional<Path> dir, IndexReadiness readiness, CohortWorkers workers) {
        return new CohortService(Optional.of(Objects.requireNonNull(store, "store")), dir, readiness, workers);
    }

    /** A ready service holding these patients in memory only (no graph, no file): for tests and demos of the engine. */
    public static CohortService inMemory(Collection<PatientJourney> patients) {
        return inMemory(patients, CohortWorkers.defaults());
    }

    /** A ready service holding these patients in memory only, with this pool of cohort workers. */
    public static CohortService inMemory(Collection<PatientJourney> patients, CohortWorkers workers) {
        CohortService s = new CohortService(Optional.empty(), Optional.empty(), new IndexReadiness(), workers);
        synchronized (s.lock) {
            s.current = new Snapshot(TimelineIndex.empty().replacing(patients), Optional.empty());
            Map<ProjectCode, List<PatientId>> projects = new HashMap<>();
            patients.forEach(p -> p.projects().forEach(c -> projects.computeIfAbsent(c, k -> new ArrayList<>()).add(p.id())));
            s.memoryProjects = Map.copyOf(projects);
            s.phase = Phase.READY;
            s.lastOpen = new OpenReport(false, "held in memory", 0, 0);
            s.reportReady();
        }
        return s;
    }

    /**
     * Saves the index of patients that {@link JourneyImporter#bulkLoad} has just loaded, at the
     * stamp it gave the graph, so that the next start loads it instead of reading the graph back.
     *
     * @return the file's size in bytes
     */
    public static long saveLoaded(Path dir, Collection<PatientJourney> loaded, JourneysStamp stamp) {
        try {
            return TimelineIndexFile.write(dir, TimelineIndex.empty().replacing(loaded), stamp);
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot save the timeline index in " + dir + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Builds the index of patients handed over one at a time by {@code source} (in any order; a
     * population too large to hold as values at once) and saves it at {@code stamp}, with no graph:
     * for benchmarks and tools.
     *
     * @return the file's size in bytes
     */
    public static long saveStreamed(Path dir, JourneysStamp stamp, Consumer<Consumer<PatientJourney>> source) {
        TimelineIndex.Builder b = new TimelineIndex.Builder();
        source.accept(b::add);
        try {
            return TimelineIndexFile.write(dir, b.build(), stamp);
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "cannot save the timeline index in " + dir + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A ready service over the index saved in {@code dir} (mapped, not copied), with no graph and no
     * updates: for benchmarks and tools. {@link #lastOpen} gives the open's time and the file's size.
     *
     * @throws JourneyException (unavailable) when the file is missing or cannot be used, saying why
     */
    public static CohortService openSaved(Path dir) {
        return openSaved(dir, false);
    }

    /**
     * As {@link #openSaved(Path)}; {@code onHeap}: the arrays copied onto the heap after the file is
     * mapped and checked (queries read them faster, the heap holds them).
     */
    public static CohortService openSaved(Path dir, boolean onHeap) {
        Path file = dir.resolve(TimelineIndexFile.FILE_NAME);
        long t0 = System.nanoTime();
        TimelineIndex index;
        long bytes;
        try {
            bytes = TimelineIndexFile.readHeader(file).fileLength();
            index = TimelineIndexFile.read(file, onHeap);
        } catch (TimelineIndexFile.Unusable e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "the saved index " + file + " cannot be used: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, "the saved index " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        CohortService s = new CohortService(Optional.empty(), Optional.empty(), new IndexReadiness(), CohortWorkers.defaults());
        synchronized (s.lock) {
            s.current = new Snapshot(index, Optional.empty());
            s.memoryProjects = Map.of();
            s.phase = Phase.READY;
            s.lastOpen = new OpenReport(true, "opened from " + file, millis, bytes);
            s.reportReady();
        }
        return s;
    }

    /** Whether the index's arrays are memory-mapped from its saved file (else on the heap). */
    public boolean indexMapped() {
        return index().mapped();
    }

    // --- lifecycle

    /** Opens the index in the background (load or rebuild) unless it is ready or being opened; returns at once. */
    public void start() {
        synchronized (lock) {
            if (closed || phase == Phase.BUILDING || phase == Phase.READY) {
                return;
            }
            phase = Phase.BUILDING;
            pending = new ArrayList<>();
            progress.set(0);
            tracker.building("opening", 0);
        }
        Thread.ofPlatform().name("timeline-index").daemon().start(this::open);
    }

    /** Starts opening the index when needed and waits until it is ready; the failure of the build is rethrown. */
    public CohortService awaitReady() {
        boolean ready = false;
        while (!ready) { // a large graph may take longer than one wait to read
            ready = awaitReady(Duration.ofHours(1));
        }
        return this;
    }

    /**
     * Starts opening the index when needed and waits at most {@code timeout} for it (a caller showing
     * progress polls {@link #status} between waits); the failure of the build is rethrown.
     *
     * @return whether the index is ready
     */
    public boolean awaitReady(Duration timeout) {
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (phase == Phase.BUILDING && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JourneyException(ErrorKind.UNAVAILABLE, "interrupted while the timeline index was opened", e);
                }
            }
            if (phase != Phase.READY) {
                throw new JourneyException(failureKind, "the timeline index could not be built: " + failure);
            }
        }
        return true;
    }

    /**
     * Loads the saved index only if it matches the graph's journeys stamp now (or starts from the
     * empty index when the graph holds no journeys), and then keeps it current; never rebuilds. For
     * a process that imports and wants to leave the saved index current behind it ({@link #save}).
     *
     * @return whether the saved index was loaded (or the index was ready already); {@link #lastOpen} says why not
     */
    public boolean openSavedOnly() {
        synchronized (lock) {
            if (phase == Phase.READY) {
                return true;
            }
            if (phase != Phase.NOT_STARTED) {
                return false;
            }
            phase = Phase.BUILDING;
        }
        try {
            JourneyStore st = store();
            Optional<JourneysStamp> graph = st.stamp();
            SavedLook look;
            if (graph.isPresent()) {
                look = loadSaved(graph.get());
            } else if (st.patientCount() == 0) {
                // No journeys yet: the index of this graph is the empty one.
                look = new SavedLook(Optional.of(new Snapshot(TimelineIndex.empty(), Optional.empty())), "", false, 0, 0);
            } else {
                look = new SavedLook(Optional.empty(), "the graph's journeys have no stamp", false, 0, 0);
            }
            synchronized (lock) {
                lastOpen = new OpenReport(look.loaded().isPresent(), look.reason(), look.millis(), look.bytes());
                if (look.loaded().isEmpty()) {
                    phase = Phase.NOT_STARTED;
                    return false;
                }
                ready(look.loaded().get(), false);
            }
            return true;
        } catch (RuntimeException e) {
            synchronized (lock) {
                phase = Phase.NOT_STARTED;
            }
            throw e;
        }
    }

    /**
     * Saves the index with the stamp it is current at, if it has changed since it was loaded or
     * saved. Does nothing when the index is not ready, has no stamp, or there is no folder.
     *
     * @return the file's size in bytes, when written
     */
    public Optional<Long> save() {
        synchronized (saveLock) {
            Snapshot s;
            synchronized (lock) {
                if (phase != Phase.READY || dir.isEmpty()) {
                    return Optional.empty();
                }
                s = applyPending();
                if (!dirty || s.stamp().isEmpty()) {
                    return Optional.empty();
                }
                dirty = false;
            }
            long t0 = System.nanoTime();
            try {
                long bytes = TimelineIndexFile.write(dir.get(), s.index(), s.stamp().get());
                LOG.info("Timeline index saved in {} at journeys stamp {}: {} bytes in {} ms", dir.get(), s.stamp().get(), bytes,
                        (System.nanoTime() - t0) / 1_000_000);
                return Optional.of(bytes);
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    dirty = true;
                }
                LOG.warn("Timeline index not saved in {} ({}): it will be rebuilt from the graph at the next start", dir.get(),
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                return Optional.empty();
            }
        }
    }

    /** Saves the index if it changed since it was loaded or saved, and stops keeping it current. */
    @Override
    public void close() {
        pool.shutdownNow();
        save();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** How the index was last opened, once it is ready. */
    public Optional<OpenReport> lastOpen() {
        synchronized (lock) {
            return Optional.ofNullable(lastOpen);
        }
    }

    /** The index's readiness as reported to the registry. */
    public Optional<IndexReadiness.Status> status() {
        return tracker.status();
    }

    /**
     * Whether the index is current with the graph's journeys, checked against the graph's journeys
     * stamp (one read of one node). When another process moved the stamp (an import this process
     * was not told of), the index is dropped and reopened in the background: from the saved file
     * when the importer left one at the graph's stamp, else rebuilt from the graph; until it is
     * ready, requests that need it fail as {@link ErrorKind#UNAVAILABLE} (503 with Retry-After),
     * never answered from the old index. Called on an interval and before each cohort and patient
     * request; does nothing for an index held in memory only, or not ready.
     *
     * A write of this process under way (announced, not yet told) is not another process's: the
     * comparison waits for the next check.
     *
     * @return true when the index is ready and current (as far as this process's own writes under way let it tell)
     */
    public boolean refreshIfStale() {
        if (store.isEmpty()) {
            return current != null;
        }
        long toldBefore;
        synchronized (lock) {
            if (phase != Phase.READY) {
                return false;
            }
            toldBefore = told;
        }
        Optional<JourneysStamp> graph = store.get().stamp();
        synchronized (lock) {
            if (phase != Phase.READY || closed) {
                return false;
            }
            applyPending();
            Optional<JourneysStamp> ours = stamps.base();
            // Any other stamp is a write the index was not told of: a gap below a told stamp too
            // (another process wrote between two writes of this one).
            if (graph.equals(ours)) {
                return true;
            }
            // Unless this process is writing: its commit shows in the graph before it is told, and a
            // stamp read before a told write is older than the index. The next check compares again
            // once this process's writes are told; another process's write is then a gap in the chain.
            if (writing > 0 || told != toldBefore) {
                return true;
            }
            LOG.info("The graph's journeys are at stamp {}, the timeline index at {}: another process wrote; reopening the index",
                    graph.map(Object::toString).orElse("(none)"), ours.map(Object::toString).orElse("(none)"));
            catchingUp = true;
            current = null;
            phase = Phase.NOT_STARTED;
            dirty = false;
        }
        start();
        return false;
    }

    /** A listener that queues each committed change for the index (see the class comment). */
    public JourneyChangeListener keepingCurrent() {
        return new JourneyChangeListener() {
            @Override
            public void writing() {
                synchronized (lock) {
                    writing++;
                }
            }

            @Override
            public void abandoned() {
                synchronized (lock) {
                    writing--;
                }
            }

            @Override
            public void committed(JourneyChange change) {
                CohortService.this.committed(change);
            }
        };
    }

    private void committed(JourneyChange change) {
        synchronized (lock) {
            writing = Math.max(0, writing - 1);
            told++;
            // Not started, or failed: the next build reads the graph, this change included.
            if (phase == Phase.BUILDING || phase == Phase.READY) {
                pending.add(change);
            }
        }
    }

    // --- opening

    /** Result of looking at the saved file: the loaded index, or why it was not used. */
    private record SavedLook(Optional<Snapshot> loaded, String reason, boolean unusual, long millis, long bytes) {
    }

    private void open() {
        long t0 = System.nanoTime();
        try {
            JourneyStore st = store();
            Optional<JourneysStamp> graph = st.stamp();
            if (graph.isEmpty() && st.patientCount() > 0) {
                graph = stampLegacyGraph(st);
            }
            SavedLook look = graph.isPresent() ? loadSaved(graph.get())
                    : new SavedLook(Optional.empty(), "the graph has no journeys stamp yet", false, 0, 0);
            Snapshot snapshot;
            OpenReport report;
            if (look.loaded().isPresent()) {
                snapshot = look.loaded().get();
                report = new OpenReport(true, "", look.millis(), look.bytes());
            } else {
                String line = "Rebuilding the timeline index from the graph: {}";
                if (look.unusual()) {
                    LOG.warn(line, look.reason());
                } else {
                    LOG.info(line, look.reason());
                }
                snapshot = rebuild(st, graph);
                report = new OpenReport(false, look.reason(), (System.nanoTime() - t0) / 1_000_000, 0);
                LOG.info("Timeline index rebuilt from the graph: {} patients, {} events in {} ms", snapshot.index().patientCount(),
                        snapshot.index().eventCount(), report.millis());
            }
            // Made here, while requests are still told to wait, so that the first query does not pay for them.
            long tSets = System.nanoTime();
            long setBytes = snapshot.index().prepareCandidates();
            LOG.info("Patient sets of the timeline index (candidate-driven evaluation): {} bytes in {} ms", setBytes,
                    (System.nanoTime() - tSets) / 1_000_000);
            synchronized (lock) {
                if (closed) {
                    phase = Phase.NOT_STARTED;
                    lock.notifyAll();
                    return;
                }
                lastOpen = report;
                ready(snapshot, !report.loaded());
            }
            if (!report.loaded()) {
                save();
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** A graph written before journeys stamps existed: gives it one, so that its index can be saved from now on. */
    private static Optional<JourneysStamp> stampLegacyGraph(JourneyStore st) {
        try {
            return Optional.of(st.ensureStamp());
        } catch (RuntimeException e) {
            LOG.warn("The graph's journeys have no stamp and it could not be given one ({}): the timeline index will be rebuilt"
                    + " at every start", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private SavedLook loadSaved(JourneysStamp graph) {
        if (dir.isEmpty()) {
            return new SavedLook(Optional.empty(), "no folder to save it in", false, 0, 0);
        }
        Path file = dir.get().resolve(TimelineIndexFile.FILE_NAME);
        try {
            TimelineIndexFile.deleteLeftovers(dir.get());
            TimelineIndexFile.Header h = TimelineIndexFile.readHeader(file);
            if (!h.stamp().equals(graph)) {
                return new SavedLook(Optional.empty(), "the saved index " + file + " is of another state of the graph (saved at"
                        + " journeys stamp " + h.stamp() + ", the graph is at " + graph + ")", true, 0, 0);
            }
            long t0 = System.nanoTime();
            TimelineIndex index = TimelineIndexFile.read(file);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("Timeline index loaded from {}: {} patients, {} events, {} bytes ({} bytes an event) in {} ms", file,
                    index.patientCount(), index.eventCount(), h.fileLength(),
                    index.eventCount() == 0 ? 0 : String.format("%.1f", (double) h.fileLength() / index.eventCount()), millis);
            return new SavedLook(Optional.of(new Snapshot(index, Optional.of(graph))), "", false, millis, h.fileLength());
        } catch (NoSuchFileException e) {
            return new SavedLook(Optional.empty(), "no saved index in " + dir.get(), false, 0, 0);
        } catch (TimelineIndexFile.Unusable e) {
            return new SavedLook(Optional.empty(), "the saved index " + file + " cannot be used: " + e.getMessage(), true, 0, 0);
        } catch (IOException | RuntimeException e) {
            return new SavedLook(Optional.empty(), "the saved index " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + ")", true, 0, 0);
        }
    }

    private Snapshot rebuild(JourneyStore st, Optional<JourneysStamp> stamp) {
        long total = st.patientCount();
        tracker.building("rebuilding from the graph", total);
        TimelineIndex.Builder b = new TimelineIndex.Builder();
        st.forEachPatient(PAGE, p -> {
            b.add(p);
            long done = progress.incrementAndGet();
            if (done % PAGE == 0) {
                tracker.progress(done);
                requireOpen();
            }
        });
        return new Snapshot(b.build(), stamp);
    }

    private void requireOpen() {
        synchronized (lock) {
            if (closed) {
                throw new JourneyException(ErrorKind.UNAVAILABLE, "the cohort service was closed while its index was built");
            }
        }
    }

    /** Makes {@code opened} current, with the changes queued meanwhile applied; holds the lock. */
    private void ready(Snapshot opened, boolean changed) {
        catchingUp = false;
        stamps = new StampChain(opened.stamp());
        current = opened;
        dirty = changed;
        phase = Phase.READY;
        applyPending();
        // Reported before the waiters wake: whoever sees the service ready sees the registry say so.
        reportReady();
        lock.notifyAll();
    }

    private void reportReady() {
        Snapshot s = current;
        tracker.ready(s.stamp().map(st -> "at journeys stamp " + st).orElse("no journeys stamp"), Map.of(
                "patients", (long) s.index().patientCount(), "events", (long) s.index().eventCount()));
    }

    private void failed(RuntimeException e) {
        ErrorKind kind = HealthgraphException.kindOf(e, ErrorKind.INTERNAL);
        // An infrastructure message may hold identifiers: only classified messages are passed on.
        String reason = kind == ErrorKind.INTERNAL ? "an internal error (see the server log)" : e.getMessage();
        LOG.warn("Timeline index not built: {}", reason, e);
        synchronized (lock) {
            phase = closed ? Phase.NOT_STARTED : Phase.FAILED;
            failure = reason;
            failureKind = kind;
            failedAt = System.nanoTime();
            pending = new ArrayList<>();
            // Reported before the waiters wake, like a success: whoever sees the failure sees the registry say so.
            tracker.failed(reason);
            lock.notifyAll();
        }
    }

    // --- queries

    /** Counts, attrition and pathways, exact and suppressed below the query's threshold. */
    public CohortResult cohort(CohortQuery query) {
        return cohort(query, Disclosure.exact());
    }

    /** Counts, attrition and pathways, released under {@code disclosure} and suppressed below the query's threshold. */
    public CohortResult cohort(CohortQuery query, Disclosure disclosure) {
        return release(query, disclosure).result();
    }

    /**
     * A released result and the engine's own count of the cohort's patients, for the audit trail only
     * (never served: it is neither suppressed nor perturbed).
     */
    public record Released(CohortResult result, long patients) {
    }

    /** Evaluates {@code query} once: its released result, and its raw patient count for the audit trail. */
    public Released release(CohortQuery query, Disclosure disclosure) {
        var outcome = engine(query).run();
        return new Released(outcome.result(disclosure), outcome.rawCount());
    }

    /** A page of the cohort's patients and how many there are, from one evaluation. */
    public record PatientsPage(long total, List<PatientId> ids) {
        public PatientsPage {
            ids = List.copyOf(ids);
        }
    }

    /**
     * Counts, attrition and pathways, evaluated on the pool of cohort workers (never on the calling
     * thread), stopped when the call's cancellation fires.
     *
     * @return the result, or a failure: {@link ErrorKind#UNAVAILABLE} when the index is not ready,
     *     the pool's queue is full, the caller has its share of evaluations already, or the call was cancelled
     */
    public CompletableFuture<CohortResult> cohort(CohortQuery query, CohortCall call) {
        return release(query, Disclosure.exact(), call).thenApply(Released::result);
    }

    /**
     * Counts, attrition and pathways released under {@code disclosure}, with the raw count for the
     * audit trail, on the pool of cohort workers (see {@link #cohort(CohortQuery, CohortCall)}).
     */
    public CompletableFuture<Released> release(CohortQuery query, Disclosure disclosure, CohortCall call) {
        return submit(call, () -> {
            var outcome = engine(query).run(call.cancellation(), false);
            return new Released(outcome.result(disclosure), outcome.rawCount());
        });
    }

    /** A page of the cohort's patient ids (id order) and its size, on the pool of cohort workers (see {@link #cohort(CohortQuery, CohortCall)}). */
    public CompletableFuture<PatientsPage> patients(CohortQuery query, int offset, int limit, CohortCall call) {
        requirePage(offset, limit);
        return submit(call, () -> {
            var outcome = engine(query).run(call.cancellation(), false);
            long total = outcome.rawCount();
            List<PatientId> ids = total == 0 ? List.of() : outcome.patientIds(offset, limit).stream().map(PatientId::new).toList();
            return new PatientsPage(total, ids);
        });
    }

    /** Evaluations submitted to the pool of cohort workers and not finished yet (running or waiting). */
    public int inFlight() {
        return inFlight.get();
    }

    /** The pool of cohort workers' settings. */
    public CohortWorkers workers() {
        return workers;
    }

    /**
     * What evaluating the query would cost, before running it, in event tests: every event is
     * tested against the index event and every pathway category, and against every leaf of every
     * rule once per candidate index event; with the first or last occurrence a patient has one
     * candidate (so: events x criteria), with every occurrence as many as it has events (so the sum
     * over patients of their events squared, times the rules' leaves). Empty while the index is not
     * ready (the query will be refused as unavailable).
     */
    public OptionalLong cost(CohortQuery query) {
        Snapshot s = current;
        if (s == null) {
            return OptionalLong.empty();
        }
        long ruleLeaves = 0;
        for (InclusionRule rule : query.rules()) {
            ruleLeaves += leaves(rule.condition());
        }
        long perEvent = 1 + (query.pathways() == null ? 0 : query.pathways().categories().size());
        TimelineIndex x = s.index();
        long events = x.eventCount();
        long ruleTests = query.index().occurrence() == IndexEvent.Occurrence.ALL ? x.sumOfSquaredTimelines() * ruleLeaves
                : events * ruleLeaves;
        return OptionalLong.of(saturatedAdd(events * perEvent, ruleTests));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static int leaves(Condition c) {
        return c.isGroup() ? c.conditions().stream().mapToInt(CohortService::leaves).sum() : 1;
    }

    private TimelineEngine engine(CohortQuery query) {
        TimelineIndex x = index();
        return new TimelineEngine(x, query, query.projectCode().map(code -> population(code, x)).orElse(null));
    }

    /**
     * The positions of {@code project}'s patients in {@code x}: read from the graph once per index
     * (an import makes a new index, so the next query reads them again).
     */
    private BitSet population(ProjectCode project, TimelineIndex x) {
        Population known = populations.get(project);
        if (known != null && known.index() == x) {
            return known.members();
        }
        BitSet members = x.positions(members(project));
        populations.put(project, new Population(x, members));
        return members;
    }

    private List<PatientId> members(ProjectCode project) {
        if (store.isEmpty()) {
            return memoryProjects.getOrDefault(project, List.of());
        }
        List<PatientId> out = new ArrayList<>();
        Optional<PatientId> after = Optional.empty();
        while (true) {
            List<PatientId> page = store.get().projectMembers(project, after, PAGE);
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
            after = Optional.of(page.getLast());
        }
    }

    /**
     * The projects a patient is in (in a store-backed service, as the graph says now); empty for a
     * patient in none, or unknown.
     */
    public java.util.Set<ProjectCode> projectsOf(PatientId patient) {
        if (store.isEmpty()) {
            java.util.Set<ProjectCode> out = new java.util.TreeSet<>();
            memoryProjects.forEach((code, ids) -> {
                if (ids.contains(patient)) {
                    out.add(code);
                }
            });
            return out;
        }
        return store.get().projectsOf(patient);
    }

    /** Every project the graph knows, with its number of patients. */
    public Map<ProjectCode, Long> projects() {
        if (store.isEmpty()) {
            Map<ProjectCode, Long> out = new TreeMap<>();
            memoryProjects.forEach((code, ids) -> out.put(code, (long) ids.size()));
            return out;
        }
        return store.get().projects();
    }

    private <T> CompletableFuture<T> submit(CohortCall call, Supplier<T> work) {
        try {
            // Never an answer from an index another process's import has made stale.
            refreshIfStale();
            // Fails at once while the index is not ready, rather than taking a worker to say so.
            index();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String caller = call.caller();
        boolean[] admitted = new boolean[1];
        perCaller.compute(caller, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < workers.perCaller();
            return admitted[0] ? now + 1 : n;
        });
        if (!admitted[0]) {
            return CompletableFuture.failedFuture(new JourneyException(ErrorKind.UNAVAILABLE, "this caller has "
                    + workers.perCaller() + " cohort evaluations running or waiting already, the most allowed"
                    + " (healthgraph.cohorts.per-caller): retry once they are answered"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        inFlight.incrementAndGet();
        try {
            pool.execute(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    // Cancelled while waiting: the worker moves on at once.
                    call.cancellation().check();
                    value = work.get();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                // Counted out before the result is told: whoever hears of it (the next evaluation
                // of the same request) finds the caller's share and the in-flight count up to date.
                done(caller);
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            done(caller);
            return CompletableFuture.failedFuture(new JourneyException(ErrorKind.UNAVAILABLE, "the cohort engine is busy: "
                    + workers.threads() + " evaluations running and " + workers.queue() + " waiting, the most allowed"
                    + " (healthgraph.cohorts.workers, healthgraph.cohorts.queue); retry in a few seconds", e));
        }
        return result;
    }

    private void done(String caller) {
        perCaller.computeIfPresent(caller, (k, n) -> n <= 1 ? null : n - 1);
        inFlight.decrementAndGet();
    }

    /** Raw (unsuppressed) patients after each step, by the timeline engine: for tests and benchmarks. */
    public long[] rawAttrition(CohortQuery query) {
        return engine(query).run().rawAttrition();
    }

    /**
     * The raw attrition read from every patient's timeline, as the engine did before it read only the
     * index event's candidates: the reference the candidate-driven evaluation is measured against
     * (bench/run-journeys.sh) and checked against (CandidateEvaluationTest).
     */
    public long[] rawAttritionFullScan(CohortQuery query) {
        TimelineIndex x = index();
        return new TimelineEngine(x, query, query.projectCode().map(code -> population(code, x)).orElse(null),
                TimelineEngine.Evaluation.FULL_SCAN).run().rawAttrition();
    }

    /** A page of the ids of the patients in the cohort, in id order (for authorised users only). */
    public List<PatientId> patientIds(CohortQuery query, int offset, int limit) {
        requirePage(offset, limit);
        return engine(query).run().patientIds(offset, limit).stream().map(PatientId::new).toList();
    }

    /** All events of a patient, in timeline order; empty when the patient is unknown. */
    public Optional<List<CareEvent>> events(PatientId id) {
        return index().events(id);
    }

    /** All events of a patient, after checking that the index is current with the graph ({@link #refreshIfStale}). */
    public Optional<List<CareEvent>> freshEvents(PatientId id) {
        refreshIfStale();
        return index().events(id);
    }

    /** The events a query matched for a patient (index first, then named events), if it is in the cohort. */
    public Optional<List<MatchedEvent>> matchedEvents(CohortQuery query, PatientId id) {
        return engine(query).matchedEvents(id.value());
    }

    /** The same query in the graph's own query language (Cypher): raw patients after each step. */
    public long[] crossCheck(CohortQuery query) {
        return crossChecker().rawAttrition(query);
    }

    /** The same query in the graph's own query language: a page of cohort patient ids. */
    public List<PatientId> crossCheckIds(CohortQuery query, int offset, int limit) {
        requirePage(offset, limit);
        return crossChecker().patientIds(query, offset, limit);
    }

    /** The statement the cross-check runs. */
    public String crossCheckStatement(CohortQuery query) {
        return crossChecker().statement(query);
    }

    public int patientCount() {
        return index().patientCount();
    }

    public int eventCount() {
        return index().eventCount();
    }

    /** Approximate heap size of the timeline index. */
    public long indexBytes() {
        return index().sizeInBytes();
    }

    /** The journeys stamp the index is current at, once ready. */
    public Optional<JourneysStamp> stamp() {
        index();
        synchronized (lock) {
            return current.stamp();
        }
    }

    private TimelineIndex index() {
        Snapshot s = current;
        if (s == null) {
            throw notReady();
        }
        synchronized (lock) {
            return pending.isEmpty() ? current.index() : applyPending().index();
        }
    }

    /** Applies the queued changes in the order they were committed; holds the lock. */
    private Snapshot applyPending() {
        if (pending.isEmpty()) {
            return current;
        }
        List<PatientJourney> patients = new ArrayList<>();
        for (JourneyChange c : pending) {
            // A change the opened index covers already (committed before its stamp was read) is
            // skipped: replaying it could put back an older timeline over a newer one.
            if (stamps.admit(c.stamp())) {
                patients.addAll(c.patients());
            }
        }
        pending = new ArrayList<>();
        if (!patients.isEmpty()) {
            current = new Snapshot(current.index().replacing(patients), stamps.base());
            dirty = true;
            // The health endpoint shows the counts the queries see, not those of the last build.
            reportReady();
        } else if (!stamps.base().equals(current.stamp())) {
            current = new Snapshot(current.index(), stamps.base());
            reportReady();
        }
        return current;
    }

    private JourneyException notReady() {
        synchronized (lock) {
            if (phase == Phase.NOT_STARTED
                    || (phase == Phase.FAILED && System.nanoTime() - failedAt > RETRY_FAILED_AFTER.toNanos())) {
                start();
            }
            if (phase == Phase.FAILED) {
                return new JourneyException(ErrorKind.UNAVAILABLE, "the timeline index could not be built (" + failure
                        + "); it is tried again at the next request after " + RETRY_FAILED_AFTER.toSeconds() + " s");
            }
        }
        long done = progress.get();
        String what = done > 0 ? String.format("being built from the graph (%,d patients read)", done) : "being opened";
        synchronized (lock) {
            if (catchingUp) {
                what += ", catching up with journeys another process imported";
            }
        }
        return new JourneyException(ErrorKind.UNAVAILABLE, "the timeline index is " + what
                + ": cohort and patient requests are answered once it is ready; retry in a few seconds");
    }

    private JourneyStore store() {
        return store.orElseThrow(() -> new JourneyException("this cohort service is held in memory only: no graph to read"));
    }

    private CohortCrossCheck crossChecker() {
        JourneyStore st = store.orElseThrow(() -> new JourneyException(ErrorKind.INVALID_INPUT,
                "this cohort service is held in memory only: there is no graph to cross-check in"));
        return st.crossCheck().orElseThrow(() -> new JourneyException(ErrorKind.INVALID_INPUT, "the cross-check of cohorts"
                + " runs Cypher and needs the Neo4j backend (healthgraph.graph.backend=neo4j); this graph's backend is "
                + st.backend()));
    }

    private static void requirePage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw new InvalidQueryException("a page needs offset >= 0 and 1 <= limit <= 10000, got offset=" + offset
                    + " limit=" + limit);
        }
    }

    /**
     * The stamp an index is current at, advanced only over an unbroken run of versions: changes
     * may be told out of order (two writers), and a version never told (another process wrote)
     * keeps the stamp behind the graph's for good.
     */
    private static final class StampChain {
        private Optional<JourneysStamp> base;
        private final TreeMap<Long, JourneysStamp> ahead = new TreeMap<>();

        StampChain(Optional<JourneysStamp> base) {
            this.base = base;
        }

        Optional<JourneysStamp> base() {
            return base;
        }

        /** Records a committed change; false when the index covers it already. */
        boolean admit(JourneysStamp s) {
            long at = base.map(JourneysStamp::version).orElse(0L);
            if (s.version() <= at) {
                return false;
            }
            ahead.put(s.version(), s);
            while (ahead.containsKey(at + 1)) {
                base = Optional.of(ahead.remove(at + 1));
                at++;
            }
            return true;
        }
    }
}

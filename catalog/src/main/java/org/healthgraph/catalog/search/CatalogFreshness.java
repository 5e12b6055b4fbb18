package org.healthgraph.catalog.search;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStores;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a process's search index and cached catalog reads current with catalog changes written by
 * another process into the same graph (a {@code healthgraph import} run beside a server). Every
 * catalog write moves the graph's {@link CatalogStamp}; the writer of this process tells this object
 * the stamps it moved to, and its own changes reach the index and the cache through its listeners.
 * {@link #check} compares the graph's stamp with the stamp the index is current at: when every move
 * since was this process's, the index is current; otherwise another process wrote, and the cached
 * reads are dropped at once and the index is rebuilt from the graph in the background, searches being
 * refused ({@code UNAVAILABLE}: 503 with Retry-After over GraphQL) until it is done, never answered
 * from the old index.
 *
 * <p>The rebuild is whole: a stamp does not say which entries another process changed (a catalog
 * import may change 400,000 codes). Thread-safe.
 */
public final class CatalogFreshness implements AutoCloseable {

    /** The name under which the search index reports its readiness. */
    public static final String INDEX_NAME = "search index";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogFreshness.class);
    static final String CATCHING_UP = "the search index is catching up with catalog changes another process imported; "
            + "try again in a few seconds";

    private final Supplier<Optional<CatalogStamp>> graphStamp;
    private final Catalog cached;
    private final Supplier<Long> rebuild;
    private final SearchIndex index;
    private final IndexReadiness.Tracker tracker;
    /** Moves this process committed, by version, above {@link #current}. */
    private final ConcurrentSkipListMap<Long, CatalogStamp> own = new ConcurrentSkipListMap<>();
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("search-index-catch-up").daemon().unstarted(r));

    /** The stamp the index and the cache are current at (empty: the graph had none). */
    private Optional<CatalogStamp> current;
    /** The graph's stamp a rebuild under way started from; empty when none runs. */
    private Optional<Optional<CatalogStamp>> rebuilding = Optional.empty();
    /** The last stamp seen during a rebuild, whose cached reads were dropped. */
    private Optional<CatalogStamp> droppedAt = Optional.empty();
    /** One check at a time; the requests that arrive meanwhile wait for it (see {@link #checkBefore}). */
    private final ReentrantLock checking = new ReentrantLock();
    /** When the last check that ended had begun ({@link System#nanoTime}; written under {@link #checking}). */
    private volatile long lastCheckEnded;
    private boolean closed;

    CatalogFreshness(Supplier<Optional<CatalogStamp>> graphStamp, CatalogWriter writer, Catalog cached,
            Supplier<Long> rebuild, SearchIndex index, IndexReadiness readiness) {
        this.graphStamp = Objects.requireNonNull(graphStamp, "graphStamp");
        this.cached = Objects.requireNonNull(cached, "cached");
        this.rebuild = Objects.requireNonNull(rebuild, "rebuild");
        this.index = Objects.requireNonNull(index, "index");
        this.tracker = readiness.track(INDEX_NAME);
        writer.addStampListener(this::ownMove);
        // Taken as current when the process starts: the index was made by `reindex` or kept by the
        // imports of this data folder; the server's first check compares from here.
        long started = System.nanoTime();
        this.current = graphStamp.get();
        this.lastCheckEnded = started;
    }

    /**
     * Freshness of {@code index} and of the reads {@code cached} keeps, over the catalog of
     * {@code graph} written by {@code writer} in this process; the rebuild reads the graph uncached.
     */
    public static CatalogFreshness of(GraphStore graph, CatalogWriter writer, Catalog cached, SearchIndex index,
            IndexReadiness readiness) {
        return of(graph, writer, cached, new org.healthgraph.catalog.documentation.InMemoryDocumentation(), index,
                readiness);
    }

    /**
     * The same, whose rebuild also indexes the pages of {@code documentation} and what they say of each
     * entry (a rebuild without them would drop the document hits).
     */
    public static CatalogFreshness of(GraphStore graph, CatalogWriter writer, Catalog cached,
            org.healthgraph.catalog.documentation.Documentation documentation, SearchIndex index,
            IndexReadiness readiness) {
        Catalog reader = Catalogs.reader(graph);
        var store = CatalogStores.on(graph);
        return new CatalogFreshness(store::stamp, writer, cached, () -> CatalogDocuments.reindex(reader, documentation,
                index), index, readiness);
    }

    private void ownMove(CatalogStamp stamp) {
        own.put(stamp.version(), stamp);
    }

    /**
     * Compares the graph's stamp with the index's and, when another process wrote, drops the cached
     * reads and starts the rebuild (searches refused until it ends).
     *
     * @return true when the index is current now
     */
    public boolean check() {
        checking.lock();
        try {
            return checkLocked();
        } finally {
            checking.unlock();
        }
    }

    /**
     * {@link #check} for a request that arrived at {@code arrivedNanos} ({@link System#nanoTime}):
     * skipped when a check that began after the request arrived has ended (it saw every write
     * committed before the request), so that the requests waiting behind one check share it.
     */
    public void checkBefore(long arrivedNanos) {
        checkBefore(arrivedNanos, 0);
    }

    /**
     * The same, also skipped when the last check began at most {@code toleranceNanos} before the
     * request arrived: the request may then be answered from a catalog up to that much older than its
     * arrival, and a busy server reads the stamp at most once a tolerance instead of once a request.
     * The skip is decided without the lock.
     */
    public void checkBefore(long arrivedNanos, long toleranceNanos) {
        if (lastCheckEnded - (arrivedNanos - toleranceNanos) > 0) {
            return;
        }
        checking.lock();
        try {
            if (lastCheckEnded - (arrivedNanos - toleranceNanos) > 0) {
                return;
            }
            checkLocked();
        } finally {
            checking.unlock();
        }
    }

    private boolean checkLocked() {
        long started = System.nanoTime();
        Optional<CatalogStamp> graph = graphStamp.get();
        boolean fresh = compare(graph);
        lastCheckEnded = started;
        return fresh;
    }

    private synchronized boolean compare(Optional<CatalogStamp> graph) {
        if (closed) {
            return false;
        }
        if (rebuilding.isPresent()) {
            if (!graph.equals(rebuilding.get()) && !graph.equals(droppedAt)) {
                // Written again while the rebuild runs: the reads cached since are dropped too; the
                // rebuild may miss it, and the next check after it sees that.
                Catalogs.dropCached(cached);
                droppedAt = graph;
            }
            return false;
        }
        if (graph.equals(current) || ownSince(graph)) {
            current = graph;
            own.headMap(graph.map(CatalogStamp::version).orElse(0L), true).clear();
            return true;
        }
        LOG.info("The graph's catalog is at stamp {}, the search index at {}: another process wrote; "
                + "rebuilding the index (searches answer 503 meanwhile)",
                graph.map(Object::toString).orElse("(none)"), current.map(Object::toString).orElse("(none)"));
        Catalogs.dropCached(cached);
        index.refuseSearches(CATCHING_UP);
        tracker.building("catching up with catalog changes another process imported", 0);
        rebuilding = Optional.of(graph);
        droppedAt = graph;
        rebuilder.execute(() -> rebuildFrom(graph));
        return false;
    }

    /** Whether every move from the index's stamp to {@code graph} was this process's. */
    private boolean ownSince(Optional<CatalogStamp> graph) {
        if (graph.isEmpty()) {
            return false;
        }
        long from = current.map(CatalogStamp::version).orElse(0L);
        long to = graph.get().version();
        if (to <= from || !graph.get().equals(own.get(to))) {
            return false;
        }
        for (long v = from + 1; v < to; v++) {
            if (!own.containsKey(v)) {
                return false;
            }
        }
        return true;
    }

    private void rebuildFrom(Optional<CatalogStamp> graph) {
        long started = System.nanoTime();
        try {
            long documents = rebuild.get();
            synchronized (this) {
                current = graph;
                own.headMap(graph.map(CatalogStamp::version).orElse(0L), true).clear();
                rebuilding = Optional.empty();
                droppedAt = Optional.empty();
                index.answerSearches();
                tracker.ready("rebuilt after another process's catalog import", Map.of("documents", documents));
            }
            LOG.info("Search index rebuilt at catalog stamp {} in {} ms ({} documents)",
                    graph.map(Object::toString).orElse("(none)"), (System.nanoTime() - started) / 1_000_000, documents);
        } catch (RuntimeException e) {
            synchronized (this) {
                // Searches stay refused: the index kept its old content. The next check starts again.
                rebuilding = Optional.empty();
                tracker.failed("the search index could not catch up with another process's catalog import ("
                        + e.getClass().getSimpleName() + "); tried again at the next check");
            }
            LOG.warn("Search index rebuild after another process's catalog import failed ({}); tried again at the next check",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        rebuilder.shutdownNow();
    }
}

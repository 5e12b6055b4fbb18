package org.healthgraph.catalog.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogChangeListener;
import org.healthgraph.catalog.EntryKind;

/**
 * Keeps the search index current after catalog changes in batches: a committed change only notes
 * the keys it touched; a background thread, at most {@link #INTERVAL_MS} later (or as soon as
 * {@link #MAX_PENDING} keys wait), reads the touched entries in one go and writes them to the index
 * in one commit. An import of thousands of files thus costs a few index commits instead of one per
 * file, and every entry is read back from the catalog once instead of once per change. Searches see
 * a change within about {@link #INTERVAL_MS}; {@link #flush()} makes them see it now, and
 * {@link #close()} flushes what waits before it stops (a command that imports and exits loses
 * nothing).
 */
public final class BatchedIndexing implements CatalogChangeListener, AutoCloseable {

    /** Longest wait before a noted change is indexed. */
    public static final long INTERVAL_MS = 1_000;
    /** Keys waiting that make the next batch start at once. */
    static final int MAX_PENDING = 50_000;
    /** Keys read from the catalog at once. */
    static final int READ_BATCH = 5_000;

    private final Catalog catalog;
    private final Supplier<Knowledge> knowledge;
    private final SearchIndex index;
    private final Map<EntryKind, Set<String>> changed = new EnumMap<>(EntryKind.class);
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Thread worker;
    /** Held while a batch is taken and written, so that batches reach the index in the order of their changes. */
    private final Object writing = new Object();
    private volatile boolean closed;
    private int pending;
    private RuntimeException failure;

    private BatchedIndexing(Catalog catalog, Supplier<Knowledge> knowledge, SearchIndex index) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.index = Objects.requireNonNull(index, "index");
        this.worker = new Thread(this::run, "search-index-batches");
        this.worker.setDaemon(true);
    }

    /** Starts indexing the changes it is told in batches (register it with the catalog writer). */
    public static BatchedIndexing start(Catalog catalog, Supplier<Knowledge> knowledge, SearchIndex index) {
        BatchedIndexing b = new BatchedIndexing(catalog, knowledge, index);
        b.worker.start();
        return b;
    }

    @Override
    public void committed(CatalogChange change) {
        synchronized (this) {
            if (closed) {
                throw new SearchException("the search index's batch indexing is closed; the change of "
                        + change.source() + " is not indexed (run reindex)");
            }
            for (EntryKind kind : CatalogDocuments.INDEXED) {
                Set<String> keys = change.keys(kind);
                if (!keys.isEmpty()) {
                    changed.computeIfAbsent(kind, k -> new LinkedHashSet<>()).addAll(keys);
                    pending += keys.size();
                }
                deleted.addAll(change.deleted(kind));
            }
            if (pending >= MAX_PENDING) {
                notifyAll();
            }
        }
    }

    private void run() {
        while (true) {
            synchronized (this) {
                try {
                    if (!closed && pending < MAX_PENDING) {
                        wait(INTERVAL_MS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (closed) {
                    return;
                }
            }
            try {
                flush();
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e; // told by the next flush() or close(); the worker goes on
                }
            }
        }
    }

    /** Indexes now what waits; searches see every change told before this call when it returns. */
    public void flush() {
        synchronized (writing) {
            flushInOrder();
        }
    }

    private void flushInOrder() {
        Map<EntryKind, Set<String>> batch;
        Set<String> gone;
        synchronized (this) {
            RuntimeException f = failure;
            failure = null;
            if (f != null) {
                throw new SearchException("an earlier batch of catalog changes could not be indexed (run reindex): "
                        + f.getMessage(), f);
            }
            batch = new EnumMap<>(changed);
            gone = new LinkedHashSet<>(deleted);
            changed.clear();
            deleted.clear();
            pending = 0;
        }
        write(batch, gone);
    }

    private void write(Map<EntryKind, Set<String>> batch, Set<String> gone) {
        if (batch.isEmpty() && gone.isEmpty()) {
            return;
        }
        CatalogDocuments docs = CatalogDocuments.of(catalog, knowledge.get());
        List<SearchDocument> out = new ArrayList<>();
        for (EntryKind kind : List.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE, EntryKind.CODE)) {
            List<String> keys = new ArrayList<>(batch.getOrDefault(kind, Set.of()));
            for (int i = 0; i < keys.size(); i += READ_BATCH) {
                catalog.entries(kind, keys.subList(i, Math.min(keys.size(), i + READ_BATCH)))
                        .forEach(e -> docs.toDocument(e).ifPresent(out::add));
            }
        }
        if (!out.isEmpty()) {
            index.upsert(out);
        }
        if (!gone.isEmpty()) {
            index.delete(gone);
        }
    }

    /** Flushes what waits, then stops the background thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}

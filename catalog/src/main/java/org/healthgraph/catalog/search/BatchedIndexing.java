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
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationChange;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationListener;
import org.healthgraph.catalog.documentation.MentionTarget;

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
    /** Documentation pages written and removed since the last batch (a page both: its last state wins). */
    private final Set<DocumentKey> pagesWritten = new LinkedHashSet<>();
    private final Set<DocumentKey> pagesDeleted = new LinkedHashSet<>();
    /** The catalog entries whose mentions those pages changed: indexed again with the pages, on the new knowledge. */
    private final Map<EntryKind, Set<String>> pageTargets = new EnumMap<>(EntryKind.class);
    private Documentation documentation;
    private Runnable forgetKnowledge = () -> { };
    /** The one documentation listener (the same instance each time, so that it can be removed). */
    private final DocumentationListener pageListener = this::documentationChanged;
    /** When the last documentation change was noted ({@link System#nanoTime}). */
    private long lastPageChange;
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

    /**
     * Starts as {@link #start(Catalog, Supplier, SearchIndex)}, also indexing documentation changes in
     * batches: register {@link #documentationListener()} with the documentation writer. A batch with
     * documentation changes makes {@code knowledge} forget what it read first, once, then replaces the
     * pages written and removed, and indexes again the catalog entries whose mentions changed.
     */
    public static BatchedIndexing start(Catalog catalog, Documentation documentation, SearchKnowledge knowledge,
            SearchIndex index) {
        BatchedIndexing b = new BatchedIndexing(catalog, knowledge::get, index);
        b.documentation = Objects.requireNonNull(documentation, "documentation");
        b.forgetKnowledge = knowledge::forget;
        b.worker.start();
        return b;
    }

    /**
     * The listener to register with the documentation writer: it notes the pages and catalog entries a
     * change touched, indexed with the next batch (an import of hundreds of pages then reads the
     * knowledge and commits the index a few times, not once a page).
     */
    public DocumentationListener documentationListener() {
        if (documentation == null) {
            throw new IllegalStateException("started without documentation: use start(catalog, documentation, knowledge, index)");
        }
        return pageListener;
    }

    private void documentationChanged(DocumentationChange change) {
        if (change.skipped() || change.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new SearchException("the search index's batch indexing is closed; a documentation change is not"
                        + " indexed (run reindex)");
            }
            pagesWritten.removeAll(change.pagesDeleted());
            pagesDeleted.removeAll(change.pagesWritten());
            pagesWritten.addAll(change.pagesWritten());
            pagesDeleted.addAll(change.pagesDeleted());
            for (MentionTarget t : change.targets()) {
                pageTargets.computeIfAbsent(t.kind(), k -> new LinkedHashSet<>()).add(t.key());
            }
            pending += change.pagesWritten().size() + change.pagesDeleted().size();
            lastPageChange = System.nanoTime();
        }
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
                synchronized (writing) {
                    flushInOrder(false);
                }
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
            flushInOrder(true);
        }
    }

    /**
     * @param pagesNow whether documentation changes go now; otherwise they wait until none came for an
     *     interval: each documentation batch reads the knowledge again (every join and mention), which an
     *     import of hundreds of pages must not pay once a second
     */
    private void flushInOrder(boolean pagesNow) {
        Map<EntryKind, Set<String>> batch;
        Set<String> gone;
        Set<DocumentKey> written;
        Set<DocumentKey> removed;
        synchronized (this) {
            RuntimeException f = failure;
            failure = null;
            if (f != null) {
                throw new SearchException("an earlier batch of catalog changes could not be indexed (run reindex): "
                        + f.getMessage(), f);
            }
            batch = new EnumMap<>(changed);
            gone = new LinkedHashSet<>(deleted);
            boolean pages = pagesNow || System.nanoTime() - lastPageChange >= TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
            written = new LinkedHashSet<>(pages ? pagesWritten : Set.of());
            removed = new LinkedHashSet<>(pages ? pagesDeleted : Set.of());
            changed.clear();
            deleted.clear();
            if (pages) {
                pageTargets.forEach((kind, keys) -> batch.computeIfAbsent(kind, k -> new LinkedHashSet<>()).addAll(keys));
                pageTargets.clear();
                pagesWritten.clear();
                pagesDeleted.clear();
            }
            pending = pagesWritten.size() + pagesDeleted.size();
        }
        writePages(written, removed);
        write(batch, gone);
    }

    /** The documentation part of a batch, before the entries: they are indexed with the new knowledge. */
    private void writePages(Set<DocumentKey> written, Set<DocumentKey> removed) {
        if (written.isEmpty() && removed.isEmpty()) {
            return;
        }
        forgetKnowledge.run();
        List<SearchDocument> pages = new ArrayList<>();
        Set<String> gone = new LinkedHashSet<>();
        removed.forEach(k -> gone.add(k.value()));
        // The pages read in a few batches (five reads a page, one page at a time, was a few seconds at the
        // end of a documentation import), indexed in the order they were written.
        Map<DocumentKey, DocumentationPage> read = new java.util.HashMap<>();
        documentation.pagesOf(written).forEach(p -> read.put(p.documents().getFirst().key().page(), p));
        for (DocumentKey k : written) {
            DocumentationPage p = read.get(k.page());
            if (p == null) {
                gone.add(k.value());
            } else {
                pages.addAll(DocumentationDocuments.of(p));
            }
        }
        index.replacePages(gone, pages);
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

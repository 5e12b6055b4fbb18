package org.healthgraph.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.healthgraph.catalog.search.internal.Analysis;
import org.healthgraph.catalog.search.internal.DocumentMapper;
import org.healthgraph.catalog.search.internal.Fields;
import org.healthgraph.catalog.search.internal.PriorRescorer;
import org.healthgraph.catalog.search.internal.QueryPlanner;
import org.healthgraph.catalog.search.internal.Synonyms;
import org.healthgraph.graph.ErrorKind;

/**
 * The catalog's search index: built from {@link SearchDocument}s, persisted in a directory, updated
 * near-real-time ({@link #upsert}, {@link #delete} are visible to the next search), searched with
 * {@link #search} and {@link #suggest}. Thread-safe; one instance per index directory.
 */
public final class SearchIndex implements AutoCloseable {

    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** Deepest hit reachable by paging. */
    public static final int MAX_DEPTH = 1000;
    /** Facet values returned per dimension. */
    public static final int FACET_VALUES = 20;
    private static final int SUGGEST_MAX_PREFIX = 64;
    /**
     * Hits counted exactly up to this number when facets are not asked for; beyond it the count is
     * a lower bound and Lucene skips non-competitive documents (block-max pruning), which is most of
     * the cost of frequent words.
     */
    private static final int TOTAL_HITS_THRESHOLD = PriorRescorer.CANDIDATES;
    /** Stored fields a hit shows. */
    private static final Set<String> HIT_FIELDS = Set.of(Fields.KIND, Fields.KEY, Fields.NAME, Fields.LABEL,
            Fields.PRODUCT, Fields.TABLE, Fields.NOMENCLATURE, Fields.TYPE, Fields.PATH);
    /** Longest part of a documentation text searched for passages to show. */
    private static final int PASSAGE_SOURCE_CHARS = 20_000;
    /** Documents handed to the writer at once when rebuilding. */
    private static final int BATCH = 2_000;
    /** Batches the source may read ahead of the indexing thread. */
    private static final int REBUILD_QUEUE = 8;

    private final Directory directory;
    /** Why searches are refused now ({@link #refuseSearches}); null when they are answered. */
    private volatile String refusal;
    /**
     * Serialises the writes (rebuild, upsert, delete, close): a rebuild's uncommitted state must
     * never be committed by a concurrent upsert, which waits for the rebuild to end instead.
     */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();
    /** Replaced (under {@link #writeLock}) after a failed write rolls back; searches read it without the lock. */
    private volatile IndexWriter writer;
    /** Opened by {@link #openReadOnly}: no writer, every change refused. */
    private final boolean readOnly;
    private volatile SearcherManager searchers;
    private final FacetsConfig facetsConfig = DocumentMapper.facetsConfig();
    private final DocumentMapper mapper = new DocumentMapper(facetsConfig);
    private final QueryPlanner planner;
    private final org.apache.lucene.analysis.Analyzer frenchAnalyzer = Analysis.french();
    private final Object facetStateLock = new Object();
    private IndexReader facetStateReader;
    private SortedSetDocValuesReaderState facetState;

    private SearchIndex(Directory directory, Synonyms synonyms) {
        this.directory = directory;
        this.planner = new QueryPlanner(synonyms);
        this.readOnly = false;
        try {
            this.writer = openWriter(directory);
            this.writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new SearchException("cannot open the search index in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** An index read from its last commit, without a writer: takes no lock, so a server may hold the folder. */
    private SearchIndex(Directory directory, Synonyms synonyms, Path dir) {
        this.directory = directory;
        this.planner = new QueryPlanner(synonyms);
        this.readOnly = true;
        try {
            this.searchers = new SearcherManager(directory, null);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            closeQuietly(directory);
            throw new SearchException(ErrorKind.NOT_FOUND, "no search index in " + dir + ": import a catalog into this data"
                    + " folder (healthgraph import ...) or run 'healthgraph reindex'", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new SearchException("cannot read the search index in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Directory directory) {
        try {
            directory.close();
        } catch (IOException ignored) {
            // Already failing: the first error is the one reported.
        }
    }

    /** Takes the write lock of an index opened for writing. */
    private void lockForWriting() {
        if (readOnly) {
            throw new SearchException(ErrorKind.CONFLICT, "this search index was opened read-only (" + directory
                    + "): it cannot be changed", null);
        }
        writeLock.lock();
    }

    /**
     * A writer on the last commit of {@code directory}. It never commits on close: every change is
     * committed by the operation that made it, and what a failed operation left is rolled back.
     */
    private static IndexWriter openWriter(Directory directory) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(Analysis.indexing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(256)
                .setCommitOnClose(false);
        return new IndexWriter(directory, config);
    }

    /**
     * Drops what a failed write left uncommitted (a rebuild's deletion of everything and its first
     * batches, an upsert's first documents): rolls the writer back to the last commit, which closes
     * it, and opens a new writer and searcher manager on that commit. Searches meanwhile keep the
     * searcher they hold (the last commit's content). Called under {@link #writeLock}.
     */
    private void discardUncommitted(Throwable cause) {
        IndexWriter failed = writer;
        SearcherManager old = searchers;
        try {
            failed.rollback();
            IndexWriter fresh = openWriter(directory);
            searchers = new SearcherManager(fresh, null);
            writer = fresh;
            old.close();
            version.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            SearchException x = new SearchException("the search index could not be rolled back to its last commit in "
                    + directory + " (" + e.getMessage() + "); reopen it and run the rebuild again", e);
            x.addSuppressed(cause);
            throw x;
        }
    }

    /** Opens (or creates) the index persisted in {@code dir}. */
    public static SearchIndex open(Path dir) {
        try {
            return new SearchIndex(FSDirectory.open(dir), Synonyms.curated());
        } catch (IOException e) {
            throw new SearchException("cannot open the search index directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the index persisted in {@code dir} for searching only, as its last commit left it: no
     * writer, no lock, nothing created (a command that only reads: {@code healthgraph search}). Fails
     * as {@link ErrorKind#NOT_FOUND} naming the folder when it holds no index.
     */
    public static SearchIndex openReadOnly(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SearchException(ErrorKind.NOT_FOUND, "no search index in " + dir + ": the folder does not exist (check"
                    + " --data-dir or healthgraph.data-dir)", null);
        }
        try {
            return new SearchIndex(FSDirectory.open(dir), Synonyms.curated(), dir);
        } catch (IOException e) {
            throw new SearchException("cannot open the search index directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A fresh index held in memory (tests, demos). */
    public static SearchIndex inMemory() {
        return new SearchIndex(new ByteBuffersDirectory(), Synonyms.curated());
    }

    /** Replaces the whole content with {@code documents}; returns how many were indexed. */
    public long rebuild(Stream<SearchDocument> documents) {
        Iterator<SearchDocument> it = documents.iterator();
        return rebuild(sink -> it.forEachRemaining(sink));
    }

    /**
     * Replaces the whole content with what {@code producer} pushes into the sink it is given (for
     * sources that push, such as a catalog streaming its entries); returns how many were indexed.
     * Searches see the old content until the new one is committed; after a failure, searches keep
     * the old content until the next successful rebuild.
     */
    public long rebuild(java.util.function.Consumer<java.util.function.Consumer<SearchDocument>> producer) {
        lockForWriting();
        try {
            return rebuildLocked(producer);
        } finally {
            writeLock.unlock();
        }
    }

    private long rebuildLocked(java.util.function.Consumer<java.util.function.Consumer<SearchDocument>> producer) {
        // The source (a graph read) runs on the calling thread and hands batches to one indexing
        // thread, so reading and indexing overlap. One indexing thread, in the source's order:
        // documents get the same ids on every build, so that equal scores (tied by document id)
        // rank the same way each time.
        java.util.concurrent.BlockingQueue<List<SearchDocument>> queue = new java.util.concurrent.ArrayBlockingQueue<>(
                REBUILD_QUEUE);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long[] indexed = {0};
        Thread indexer = new Thread(() -> {
            try {
                for (List<SearchDocument> batch = queue.take(); !batch.isEmpty(); batch = queue.take()) {
                    if (failure.get() == null) {
                        List<Document> docs = new ArrayList<>(batch.size());
                        for (SearchDocument d : batch) {
                            docs.add(mapper.toLucene(d));
                        }
                        writer.addDocuments(docs);
                        indexed[0] += docs.size();
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failure.compareAndSet(null, e);
                queue.clear();
            }
        }, "search-index-rebuild");
        indexer.setDaemon(true);
        try {
            writer.deleteAll();
            indexer.start();
            java.util.concurrent.atomic.AtomicReference<List<SearchDocument>> batch =
                    new java.util.concurrent.atomic.AtomicReference<>(new ArrayList<>(BATCH));
            producer.accept(d -> {
                batch.get().add(d);
                if (batch.get().size() >= BATCH) {
                    hand(queue, batch.getAndSet(new ArrayList<>(BATCH)), indexer, failure);
                }
            });
            if (!batch.get().isEmpty()) {
                hand(queue, batch.get(), indexer, failure);
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            stop(queue, indexer);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            discardUncommitted(failed);
            throw new SearchException("rebuilding the search index failed, the previous content is kept (run the "
                    + "rebuild again): " + failed.getMessage(), failed);
        }
        try {
            commitAndRefresh();
            return indexed[0];
        } catch (IOException | RuntimeException e) {
            discardUncommitted(e);
            throw new SearchException("rebuilding the search index failed, the previous content is kept (run the "
                    + "rebuild again): " + e.getMessage(), e);
        }
    }

    /** Hands a batch to the indexing thread, waiting while it is behind; gives up if it failed. */
    private static void hand(java.util.concurrent.BlockingQueue<List<SearchDocument>> queue, List<SearchDocument> batch,
            Thread indexer, java.util.concurrent.atomic.AtomicReference<Throwable> failure) {
        try {
            while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure.get() != null || !indexer.isAlive()) {
                    throw new IllegalStateException("the indexing thread stopped", failure.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the search index", e);
        }
    }

    /**
     * Tells the indexing thread the source is done and waits for it to finish (if this thread is
     * interrupted, interrupts the indexer and still waits for it, so that no batch is added after
     * a rollback).
     */
    private static void stop(java.util.concurrent.BlockingQueue<List<SearchDocument>> queue, Thread indexer) {
        try {
            while (indexer.isAlive() && !queue.offer(List.of(), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the indexer drains the queue
            }
            indexer.join();
        } catch (InterruptedException e) {
            indexer.interrupt();
            joinUninterruptibly(indexer);
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds or replaces documents by key; visible to searches when this returns. */
    public void upsert(Collection<SearchDocument> documents) {
        lockForWriting();
        try {
            for (SearchDocument d : documents) {
                writer.updateDocument(new Term(Fields.KEY, d.key()), mapper.toLucene(d));
            }
            commitAndRefresh();
        } catch (IOException | RuntimeException e) {
            discardUncommitted(e);
            throw new SearchException("updating the search index failed, nothing of this update is kept: "
                    + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the documents with these keys; absent keys are ignored. */
    public void delete(Collection<String> keys) {
        lockForWriting();
        try {
            for (String k : keys) {
                writer.deleteDocuments(new Term(Fields.KEY, k));
            }
            commitAndRefresh();
        } catch (IOException | RuntimeException e) {
            discardUncommitted(e);
            throw new SearchException("deleting from the search index failed, nothing of this deletion is kept: "
                    + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces the documents of documentation pages: removes every page and section of the pages
     * {@code removedPages} and {@code replaced} name (by page key), then adds {@code replaced}; one
     * commit, visible to searches when this returns.
     */
    public void replacePages(Collection<String> removedPages, Collection<SearchDocument> replaced) {
        lockForWriting();
        try {
            Set<String> pages = new LinkedHashSet<>(removedPages);
            for (SearchDocument d : replaced) {
                int hash = d.key().indexOf('#');
                pages.add(hash < 0 ? d.key() : d.key().substring(0, hash));
            }
            for (String page : pages) {
                writer.deleteDocuments(new Term(Fields.PAGE, page));
            }
            for (SearchDocument d : replaced) {
                writer.addDocument(mapper.toLucene(d));
            }
            commitAndRefresh();
        } catch (IOException | RuntimeException e) {
            discardUncommitted(e);
            throw new SearchException("updating the documentation in the search index failed, nothing of this update is "
                    + "kept: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Commits the writer's changes and makes them searchable; called under {@link #writeLock}. */
    private void commitAndRefresh() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
        version.incrementAndGet();
    }

    /**
     * The version of what searches see: it moves on after every committed change has become
     * searchable (a rebuild, an upsert, a deletion), so a result computed on an older version can be
     * recognised as stale (result caches key on it).
     */
    public long version() {
        return version.get();
    }

    /** Number of documents in the index. */
    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /**
     * Refuses searches, suggestions and explanations ({@link ErrorKind#UNAVAILABLE}, with
     * {@code reason}) until {@link #answerSearches}: for while the index is known to lag behind the
     * graph (another process imported) and is being rebuilt. Writes go on. Moves the {@link #version},
     * so that results kept from before are not served either.
     */
    public void refuseSearches(String reason) {
        refusal = java.util.Objects.requireNonNull(reason, "reason");
        version.incrementAndGet();
    }

    /** Answers searches again (after {@link #refuseSearches}). */
    public void answerSearches() {
        refusal = null;
        version.incrementAndGet();
    }

    private void requireAnswering() {
        String reason = refusal;
        if (reason != null) {
            throw new SearchException(ErrorKind.UNAVAILABLE, reason, null);
        }
    }

    /** Runs a search. Bad text gives an empty result, never an exception. */
    public SearchResult search(SearchRequest request) {
        requireAnswering();
        int offset = decodeCursor(request.after());
        if (offset + request.first() > MAX_DEPTH) {
            throw new SearchException("cannot page past hit " + MAX_DEPTH + " (after cursor at " + offset
                    + ", first " + request.first() + "); refine the query or add filters");
        }
        return withSearcher(s -> {
            QueryPlanner.Plan plan = planner.plan(request.query(), filterQuery(request.filters()), s);
            if (plan.empty()) {
                return SearchResult.empty(plan.notice().or(() -> Optional.of("empty query")));
            }
            int n = Math.max(PriorRescorer.CANDIDATES, offset + request.first() + 1);
            TopDocs top;
            Map<String, List<FacetValue>> facets = Map.of();
            if (request.facets()) {
                FacetsCollectorManager.FacetsResult r = FacetsCollectorManager.search(s, plan.query(), n,
                        new FacetsCollectorManager());
                top = r.topDocs();
                facets = facets(s, r.facetsCollector());
            } else {
                top = s.search(plan.query(), new TopScoreDocCollectorManager(n, TOTAL_HITS_THRESHOLD));
            }
            return page(s, request, plan, PriorRescorer.rescore(s, top, plan.prior(), plan.allIdeas()), offset, facets);
        });
    }

    private SearchResult page(IndexSearcher s, SearchRequest request, QueryPlanner.Plan plan, TopDocs top,
            int offset, Map<String, List<FacetValue>> facets) throws IOException {
        ScoreDoc[] all = top.scoreDocs;
        int end = Math.min(all.length, offset + request.first());
        List<SearchHit> hits = new ArrayList<>();
        if (offset < end) {
            ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(all, offset, end);
            Document[] stored = new Document[pageDocs.length];
            org.apache.lucene.index.StoredFields fields = s.storedFields();
            for (int i = 0; i < pageDocs.length; i++) {
                stored[i] = fields.document(pageDocs[i].doc, HIT_FIELDS);
            }
            String[] highlights = highlight(s, plan.highlight(), pageDocs, stored);
            String[] passages = passages(s, plan.highlight(), pageDocs, stored);
            for (int i = 0; i < pageDocs.length; i++) {
                hits.add(hit(stored[i], pageDocs[i], passages[i] != null ? passages[i] : highlights[i], offset + i + 1,
                        request.explain() ? Optional.of(explain(s, plan, pageDocs[i].doc)) : Optional.empty()));
            }
        }
        boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        return new SearchResult(hits, top.totalHits.value(), exact, facets, all.length > end, plan.notice());
    }

    private static String explain(IndexSearcher s, QueryPlanner.Plan plan, int doc) throws IOException {
        return PriorRescorer.priorOf(s, doc, plan.prior()) + " = prior (" + plan.prior() + "), times:\n"
                + s.explain(plan.query(), doc);
    }

    /**
     * Passages of the text of the documentation hits among {@code docs} with the matched words in
     * {@code <em>} (null for other hits and for texts where nothing matched).
     */
    private String[] passages(IndexSearcher s, Query q, ScoreDoc[] docs, Document[] stored) throws IOException {
        String[] out = new String[docs.length];
        List<Integer> which = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            if (DocumentKind.DOCUMENT.name().equals(stored[i].get(Fields.KIND))) {
                which.add(i);
            }
        }
        if (which.isEmpty()) {
            return out;
        }
        Map<Integer, String> texts = new java.util.HashMap<>();
        ScoreDoc[] sub = new ScoreDoc[which.size()];
        org.apache.lucene.index.StoredFields fields = s.storedFields();
        for (int j = 0; j < sub.length; j++) {
            sub[j] = docs[which.get(j)];
            String text = orEmpty(fields.document(sub[j].doc, Set.of(Fields.TEXT)).get(Fields.TEXT));
            texts.put(sub[j].doc, text.length() > PASSAGE_SOURCE_CHARS ? text.substring(0, PASSAGE_SOURCE_CHARS) : text);
        }
        String[] found = highlighter(s, texts, PASSAGE_SOURCE_CHARS).highlight(Fields.TEXT, q,
                new TopDocs(new TotalHits(sub.length, TotalHits.Relation.EQUAL_TO), sub), 2);
        for (int j = 0; found != null && j < sub.length; j++) {
            out[which.get(j)] = found[j];
        }
        return out;
    }

    /**
     * Highlights the labels of {@code docs}, already read in {@code stored} (the highlighter would
     * read them again), by analysing them again with the French analyzer.
     */
    private String[] highlight(IndexSearcher s, Query q, ScoreDoc[] docs, Document[] stored) throws IOException {
        Map<Integer, String> labels = new java.util.HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            labels.put(docs[i].doc, orEmpty(stored[i].get(Fields.LABEL)));
        }
        String[] out = highlighter(s, labels, 2_000).highlight(Fields.LABEL, q,
                new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs), 2);
        return out == null ? new String[docs.length] : out;
    }

    /** A highlighter over the given texts of documents (already read), analysed again in French. */
    private UnifiedHighlighter highlighter(IndexSearcher s, Map<Integer, String> values, int maxLength) {
        UnifiedHighlighter.Builder b = UnifiedHighlighter.builder(s, frenchAnalyzer).withMaxLength(maxLength)
                .withWeightMatches(false).withHandleMultiTermQuery(false).withHighlightPhrasesStrictly(false)
                .withFormatter(new org.apache.lucene.search.uhighlight.DefaultPassageFormatter("<em>", "</em>", "… ", true));
        return new UnifiedHighlighter(b) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                // Labels are short: analysing them again costs less than seeking every query term's
                // offsets in the postings, and spares the index the offsets.
                return OffsetSource.ANALYSIS;
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, org.apache.lucene.search.DocIdSetIterator it,
                    int cacheCharsThreshold) throws IOException {
                List<CharSequence[]> out = new ArrayList<>();
                for (int doc = it.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    out.add(new CharSequence[] {values.getOrDefault(doc, "")});
                }
                return out;
            }
        };
    }

    private static SearchHit hit(Document d, ScoreDoc sd, String highlight, int position,
            Optional<String> explanation) {
        return new SearchHit(DocumentMapper.kindOf(d.get(Fields.KIND)), d.get(Fields.KEY), d.get(Fields.NAME),
                orEmpty(d.get(Fields.LABEL)), orEmpty(d.get(Fields.PRODUCT)), orEmpty(d.get(Fields.TABLE)),
                orEmpty(d.get(Fields.NOMENCLATURE)), orEmpty(d.get(Fields.TYPE)), orEmpty(d.get(Fields.PATH)),
                highlight == null ? List.of() : List.of(highlight), sd.score, encodeCursor(position), explanation);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private Map<String, List<FacetValue>> facets(IndexSearcher s, FacetsCollector fc) throws IOException {
        Optional<SortedSetDocValuesReaderState> state = facetState(s.getIndexReader());
        if (state.isEmpty()) {
            return Map.of();
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state.get(), fc);
        Map<String, List<FacetValue>> out = new LinkedHashMap<>();
        for (String dim : DocumentMapper.FACET_DIMENSIONS) {
            List<FacetValue> values = new ArrayList<>();
            if (state.get().getOrdRange(dim) != null) {
                FacetResult r = counts.getTopChildren(FACET_VALUES, dim);
                if (r != null) {
                    for (LabelAndValue lv : r.labelValues) {
                        values.add(new FacetValue(lv.label, lv.value.longValue()));
                    }
                }
            }
            out.put(dim, values);
        }
        return out;
    }

    private Optional<SortedSetDocValuesReaderState> facetState(IndexReader reader) throws IOException {
        synchronized (facetStateLock) {
            if (facetStateReader != reader) {
                facetStateReader = reader;
                try {
                    facetState = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
                } catch (IllegalArgumentException noFacetsYet) {
                    facetState = null;
                }
            }
            return Optional.ofNullable(facetState);
        }
    }

    private static Optional<Query> filterQuery(SearchFilters f) {
        if (f.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        addFilter(b, Fields.KIND, f.kinds().stream().map(Enum::name).toList());
        addFilter(b, Fields.PRODUCT, f.products());
        addFilter(b, Fields.TABLE, f.tables());
        addFilter(b, Fields.NOMENCLATURE, f.nomenclatures());
        addFilter(b, Fields.TYPE, f.types());
        addFilter(b, Fields.YEAR, f.years().stream().map(String::valueOf).toList());
        return Optional.of(b.build());
    }

    private static void addFilter(BooleanQuery.Builder b, String field, Collection<String> values) {
        if (!values.isEmpty()) {
            b.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }

    /**
     * Up to {@code n} completions of what is being typed: names starting with it, then labels whose
     * words start with its words. Fewer than two characters give no suggestion.
     */
    public List<Suggestion> suggest(String prefix, int n) {
        requireAnswering();
        if (n < 1 || n > SearchRequest.MAX_FIRST) {
            throw new SearchException("suggestion count must be between 1 and " + SearchRequest.MAX_FIRST + ", was " + n);
        }
        String p = prefix == null ? "" : prefix.strip();
        if (p.length() > SUGGEST_MAX_PREFIX) {
            p = p.substring(0, SUGGEST_MAX_PREFIX);
        }
        List<String> words = Analysis.terms(Analysis.plain(), Fields.LABEL_PLAIN, p);
        if (p.length() < 2 || words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new BoostQuery(new PrefixQuery(new Term(Fields.NAME_EXACT, Analysis.exact(p))), 4f), Occur.SHOULD);
        BooleanQuery.Builder label = new BooleanQuery.Builder();
        for (int i = 0; i < words.size() && i < 8; i++) {
            Term t = new Term(Fields.LABEL_PLAIN, words.get(i));
            boolean last = i == words.size() - 1;
            label.add(last ? new PrefixQuery(t) : new TermQuery(t), Occur.MUST);
        }
        b.add(label.build(), Occur.SHOULD);
        Query q = org.apache.lucene.queries.function.FunctionScoreQuery.boostByValue(b.build(),
                new org.healthgraph.catalog.search.internal.PriorSource(Set.of()));
        String typed = Analysis.exact(p);
        return withSearcher(s -> {
            TopDocs top = s.search(q, n * 3);
            Set<String> seen = new LinkedHashSet<>();
            List<Suggestion> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                String name = d.get(Fields.NAME);
                boolean byName = Analysis.exact(name).startsWith(typed);
                String text = byName ? name : orEmpty(d.get(Fields.LABEL));
                String shownLabel = byName ? orEmpty(d.get(Fields.LABEL)) : "";
                if (!text.isEmpty() && seen.add(text) && out.size() < n) {
                    out.add(new Suggestion(text, DocumentMapper.kindOf(d.get(Fields.KIND)), d.get(Fields.KEY),
                            shownLabel.equals(text) ? "" : shownLabel));
                }
            }
            return out;
        });
    }

    /** Lucene's explanation of the score of document {@code key} for {@code query}, if it is indexed. */
    public Optional<String> explain(String query, String key) {
        requireAnswering();
        return withSearcher(s -> {
            TopDocs byKey = s.search(new TermQuery(new Term(Fields.KEY, key)), 1);
            if (byKey.scoreDocs.length == 0) {
                return Optional.<String>empty();
            }
            QueryPlanner.Plan plan = planner.plan(query == null ? "" : query, Optional.empty(), s);
            return Optional.of(explain(s, plan, byKey.scoreDocs[0].doc));
        });
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        IndexSearcher s = null;
        SearcherManager manager = null;
        // A rollback replaces the manager; one closed under our feet is read again (bounded).
        for (int attempt = 0; s == null; attempt++) {
            manager = searchers;
            try {
                s = manager.acquire();
            } catch (org.apache.lucene.store.AlreadyClosedException e) {
                if (attempt >= 3 || manager == searchers) {
                    throw new SearchException(ErrorKind.UNAVAILABLE, "the search index is closed", e);
                }
            } catch (IOException e) {
                throw new SearchException("the search index cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            return work.apply(s);
        } catch (IOException e) {
            throw new SearchException("the search index cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof SearchException) {
                throw e;
            }
            throw new SearchException("search failed: " + e.getClass().getSimpleName(), e);
        } finally {
            try {
                manager.release(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String encodeCursor(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(Optional<String> cursor) {
        if (cursor.isEmpty() || cursor.get().isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int n = Integer.parseInt(s.substring(2));
            if (n < 0) {
                throw new IllegalArgumentException();
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new SearchException("after cursor '" + cursor.get() + "' is not a cursor returned by this search");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new SearchException("closing the search index failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}

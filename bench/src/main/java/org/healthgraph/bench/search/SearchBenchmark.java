package org.healthgraph.bench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.DocumentKind;
import org.healthgraph.catalog.search.SearchDocument;
import org.healthgraph.catalog.search.SearchFilters;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.importers.tableschema.TableSchemaImporter;

/**
 * Catalog search beside Neo4j's full-text index (french analyzer) over the same schema-snds
 * documents: nDCG@10 and MRR on the relevance set, p50/p95 latency in-process, build time, worst
 * cases. Run with {@code bench/run-search.sh}.
 */
public final class SearchBenchmark {

    static final String NEO4J_INDEX = "catalog_fulltext";
    static final int ROUNDS = Integer.getInteger("search.rounds", 20);
    /** Untimed rounds over the questions before timing, so that the JIT has compiled the query path. */
    static final int WARMUP = Integer.getInteger("search.warmup", 20);

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = SchemaSndsDocuments.locate().orElseThrow(() -> new IllegalStateException(
                "shared/schema-snds not found beside the repository (walked up from " + Path.of("").toAbsolutePath() + ")"));
        boolean withNeo4j = !Arrays.asList(args).contains("--no-neo4j");
        Path work = Files.createTempDirectory("search-bench");
        if (Arrays.asList(args).contains("--from-graph")) {
            buildFromGraph(root, work);
        }
        if (Arrays.asList(args).contains("--import-listeners")) {
            importWithListeners(root, work);
            return;
        }
        long t0 = System.nanoTime();
        SchemaSndsDocuments reader = new SchemaSndsDocuments(root);
        List<SearchDocument> catalogDocs = reader.read();
        System.out.printf("schema-snds read: %,d documents in %d ms (%d unreadable code rows)%n", catalogDocs.size(),
                ms(t0), reader.malformedRows());
        List<SearchDocument> docs = Arrays.asList(args).contains("--no-documentation") ? catalogDocs
                : withDocumentation(reader, catalogDocs);
        List<RelevanceSet.Question> tuning = RelevanceSet.tuning();
        Optional<List<RelevanceSet.Question>> test = RelevanceSet.test();
        checkKeys("tuning", tuning, docs, true);
        test.ifPresent(t -> checkKeys("test", t, docs, false));
        Path indexDir = Optional.ofNullable(System.getProperty("search.index")).map(Path::of).orElse(work.resolve("lucene"));
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            if (index.size() == 0 || System.getProperty("search.index") == null) {
                long t1 = System.nanoTime();
                index.rebuild(docs.stream());
                System.out.printf("our index built: %d ms (%,d documents)%n", ms(t1), index.size());
            }
            Engine ours = q -> index.search(SearchRequest.of(q).withFacets(false)).hits().stream().map(SearchHit::key).toList();
            Engine oursFacets = q -> index.search(SearchRequest.of(q)).hits().stream().map(SearchHit::key).toList();
            Map<String, Engine> engines = new java.util.LinkedHashMap<>();
            engines.put("healthgraph", ours);
            engines.put("healthgraph+facets", oursFacets);
            if (Boolean.getBoolean("search.entitiesOnly")) {
                engines.put("healthgraph-entities", q -> index.search(SearchRequest.of(q).withFacets(false).withFilters(
                        SearchFilters.ofKinds(DocumentKind.TABLE, DocumentKind.VARIABLE, DocumentKind.NOMENCLATURE,
                                DocumentKind.CODE))).hits().stream().map(SearchHit::key).toList());
            }
            worstCases(index);
            GraphStore store = null;
            if (withNeo4j) {
                store = GraphStores.open(GraphSettings.embedded(work.resolve("neo4j")));
                loadNeo4j(store, catalogDocs);
                GraphStore s = store;
                engines.put("neo4j-fulltext", q -> Neo4jGraph.require(s, "Cypher").read("CALL db.index.fulltext.queryNodes($index, $q, {limit: 10}) "
                        + "YIELD node RETURN node.skey AS key", Map.of("index", NEO4J_INDEX, "q", QueryParser.escape(q)),
                        row -> (String) row.get("key")));
            }
            Map<String, Result> onTuning = new java.util.LinkedHashMap<>();
            Map<String, Result> onTest = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Engine> e : engines.entrySet()) {
                onTuning.put(e.getKey(), measure(e.getKey(), e.getValue(), tuning));
                if (test.isPresent()) {
                    onTest.put(e.getKey(), measure(e.getKey(), e.getValue(), test.get()));
                }
            }
            // Per-question results of the tuning half only: the test half is read in aggregate.
            printPerQuestion(tuning, onTuning.get("healthgraph"), Optional.ofNullable(onTuning.get("neo4j-fulltext")));
            if (System.getProperty("search.pool") != null) {
                writePool(Path.of(System.getProperty("search.pool")), tuning, docs, onTuning.get("healthgraph"),
                        Optional.ofNullable(onTuning.get("neo4j-fulltext")));
            }
            report(tuning, onTuning, test, onTest);
            slowest(tuning, onTuning.get("healthgraph"));
            slowest(tuning, onTuning.get("healthgraph+facets"));
            if (store != null) {
                store.close();
            }
        }
    }

    /**
     * The catalog's documents with what the documentation says about them and their prominence, and
     * the documentation's pages and sections, as {@code healthgraph reindex} builds them from a graph
     * holding schema-snds and documentation-snds.
     */
    static List<SearchDocument> withDocumentation(SchemaSndsDocuments reader, List<SearchDocument> docs) {
        Optional<Path> dir = SndsDocumentation.locate();
        if (dir.isEmpty()) {
            System.out.println("documentation: shared/documentation-snds not found beside the repository; not indexed");
            return docs;
        }
        org.healthgraph.catalog.documentation.InMemoryDocumentation documentation = SndsDocumentation.importFolder(
                dir.get(), docs);
        long t0 = System.nanoTime();
        Map<String, List<String>> variables = new HashMap<>();
        Map<String, String> products = new HashMap<>();
        for (SearchDocument d : docs) {
            if (d.kind() == DocumentKind.VARIABLE) {
                variables.computeIfAbsent(d.table(), k -> new ArrayList<>()).add(d.name());
            } else if (d.kind() == DocumentKind.TABLE) {
                products.put(d.name(), d.product());
            }
        }
        org.healthgraph.catalog.search.Knowledge knowledge = org.healthgraph.catalog.search.Knowledge.of(documentation,
                reader.joins(), variables, products);
        List<SearchDocument> out = new ArrayList<>(docs.size() + 4_000);
        docs.forEach(d -> out.add(knowledge.enrich(d)));
        List<SearchDocument> pages = org.healthgraph.catalog.search.DocumentationDocuments.of(documentation);
        out.addAll(pages);
        System.out.printf("knowledge: %d entries with documentation text, %d pages and sections indexed, in %d ms; "
                + "%d tables found to be copies: %s%n", knowledge.size(), pages.size(), ms(t0), knowledge.copies().size(),
                new java.util.TreeSet<>(knowledge.copies()));
        return out;
    }

    /** The figures of each half and engine, per kind, the gap between halves and the ratio to Neo4j. */
    static void report(List<RelevanceSet.Question> tuning, Map<String, Result> onTuning,
            Optional<List<RelevanceSet.Question>> test, Map<String, Result> onTest) {
        System.out.println();
        System.out.printf("%-8s %-20s %4s %8s %8s %8s %8s %12s%n", "half", "engine", "n", "nDCG@10", "MRR", "p50 ms",
                "p95 ms", "p95 cpu ms");
        printHalf("tuning", tuning, onTuning);
        test.ifPresentOrElse(t -> printHalf("test", t, onTest),
                () -> System.out.println("test     (relevance-snds-test.txt is not in this build)"));
        List<Result> all = new ArrayList<>();
        all.addAll(onTuning.values());
        all.addAll(onTest.values());
        for (String engine : onTuning.keySet()) {
            if (!engine.startsWith("neo4j")) {
                List<long[]> n = new ArrayList<>();
                List<long[]> c = new ArrayList<>();
                all.stream().filter(r -> r.name().equals(engine)).forEach(r -> {
                    n.add(r.nanos());
                    c.add(r.cpuNanos());
                });
                System.out.printf("%-8s %-20s %4s %8s %8s %8.2f %8.2f %12.2f%n", "both", engine, "", "", "",
                        Result.percentile(concat(n), 50), Result.percentile(concat(n), 95), Result.percentile(concat(c), 95));
            }
        }
        System.out.println();
        System.out.println("per kind, nDCG@10 / MRR:");
        System.out.printf("%-8s %-12s %4s", "half", "kind", "n");
        onTuning.keySet().stream().filter(e -> !e.equals("healthgraph+facets")).forEach(e -> System.out.printf(" %21s", e));
        System.out.println();
        printKinds("tuning", tuning, onTuning);
        test.ifPresent(t -> printKinds("test", t, onTest));
        Result ours = onTuning.get("healthgraph");
        Optional<Result> neo = Optional.ofNullable(onTuning.get("neo4j-fulltext"));
        neo.ifPresent(n -> System.out.printf("%nnDCG@10 ratio healthgraph / neo4j-fulltext: tuning %.2f", ours.ndcg() / n.ndcg()));
        if (neo.isPresent() && !onTest.isEmpty()) {
            System.out.printf(", test %.2f", onTest.get("healthgraph").ndcg() / onTest.get("neo4j-fulltext").ndcg());
        }
        System.out.println();
        if (!onTest.isEmpty()) {
            Result t = onTest.get("healthgraph");
            double gapN = ours.ndcg() - t.ndcg();
            double gapM = ours.mrr() - t.mrr();
            System.out.printf("gap tuning - test (healthgraph): nDCG@10 %+.3f, MRR %+.3f%s%n", gapN, gapM,
                    Math.abs(gapN) > 0.05 || Math.abs(gapM) > 0.05 ? "  -> OVERFITTING: the halves differ by more than 0.05"
                            : "  (within 0.05)");
        }
    }

    private static void printHalf(String half, List<RelevanceSet.Question> qs, Map<String, Result> results) {
        for (Result r : results.values()) {
            System.out.printf("%-8s %-20s %4d %8.3f %8.3f %8.2f %8.2f %12s%n", half, r.name(), qs.size(), r.ndcg(), r.mrr(),
                    r.p(50), r.p(95), r.name().startsWith("neo4j") ? "-" : String.format("%.2f", r.cpu(95)));
        }
    }

    private static void printKinds(String half, List<RelevanceSet.Question> qs, Map<String, Result> results) {
        List<String> kinds = qs.stream().map(RelevanceSet.Question::kind).distinct().toList();
        for (String kind : kinds) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
                if (qs.get(i).kind().equals(kind)) {
                    idx.add(i);
                }
            }
            System.out.printf("%-8s %-12s %4d", half, kind, idx.size());
            for (Result r : results.values()) {
                if (!r.name().equals("healthgraph+facets")) {
                    double n = idx.stream().mapToDouble(i -> r.ndcgs().get(i)).average().orElse(0);
                    double m = idx.stream().mapToDouble(i -> r.rrs().get(i)).average().orElse(0);
                    System.out.printf(" %21s", String.format("%.3f / %.3f", n, m));
                }
            }
            System.out.println();
        }
    }

    private static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    @FunctionalInterface
    interface Engine {
        List<String> top10(String query) throws Exception;
    }

    /**
     * Measures of one engine; {@code nanos} wall-clock times, {@code cpuNanos} the same calls' CPU
     * time on the calling thread (less sensitive to other processes on a loaded machine; Neo4j's
     * work happens on its own threads, so its CPU figure means little).
     */
    record Result(String name, List<Double> ndcgs, List<Double> rrs, List<List<String>> tops, long[] nanos,
            long[] cpuNanos) {
        double ndcg() {
            return ndcgs.stream().mapToDouble(d -> d).average().orElse(0);
        }

        double mrr() {
            return rrs.stream().mapToDouble(d -> d).average().orElse(0);
        }

        double p(int pct) {
            return percentile(nanos, pct);
        }

        double cpu(int pct) {
            return percentile(cpuNanos, pct);
        }

        static double percentile(long[] values, int pct) {
            long[] s = values.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(pct / 100.0 * s.length) - 1)] / 1e6;
        }
    }

    static Result measure(String name, Engine engine, List<RelevanceSet.Question> qs) throws Exception {
        for (int w = 0; w < WARMUP; w++) {
            for (RelevanceSet.Question q : qs) {
                engine.top10(q.text());
            }
        }
        List<Double> ndcgs = new ArrayList<>();
        List<Double> rrs = new ArrayList<>();
        List<List<String>> tops = new ArrayList<>();
        long[] nanos = new long[qs.size() * ROUNDS];
        long[] cpu = new long[qs.size() * ROUNDS];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int i = 0;
        for (RelevanceSet.Question q : qs) {
            List<String> top = engine.top10(q.text());
            tops.add(top);
            ndcgs.add(RelevanceSet.ndcg(top, q.grades()));
            rrs.add(RelevanceSet.reciprocalRank(top, q.grades()));
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (RelevanceSet.Question q : qs) {
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                engine.top10(q.text());
                nanos[i] = System.nanoTime() - t;
                cpu[i++] = threads.getCurrentThreadCpuTime() - c;
            }
        }
        return new Result(name, ndcgs, rrs, tops, nanos, cpu);
    }

    /** The questions whose median CPU time is the highest, with their median wall and CPU times. */
    static void slowest(List<RelevanceSet.Question> qs, Result r) {
        List<double[]> stats = new ArrayList<>();
        for (int q = 0; q < qs.size(); q++) {
            stats.add(new double[] {median(r.cpuNanos(), q, qs.size()), median(r.nanos(), q, qs.size()), q});
        }
        stats.sort((a, b) -> Double.compare(b[0], a[0]));
        List<String> lines = new ArrayList<>();
        for (double[] s : stats.subList(0, Math.min(5, stats.size()))) {
            lines.add(String.format("'%s' %.2f/%.2f", qs.get((int) s[2]).text(), s[1], s[0]));
        }
        System.out.printf("slowest %s (median wall/cpu ms): %s%n", r.name(), String.join(", ", lines));
    }

    private static double median(long[] nanos, int question, int questions) {
        long[] t = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            t[round] = nanos[round * questions + question];
        }
        Arrays.sort(t);
        return t[ROUNDS / 2] / 1e6;
    }

    /**
     * Writes, for each question, the top 10 of both engines with their grades ("?" when unjudged)
     * and labels: the pool to judge when completing the relevance set (-Dsearch.pool=FILE).
     */
    static void writePool(Path file, List<RelevanceSet.Question> qs, List<SearchDocument> docs, Result our,
            Optional<Result> neo) throws IOException {
        Map<String, SearchDocument> byKey = new HashMap<>();
        docs.forEach(d -> byKey.put(d.key(), d));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            RelevanceSet.Question q = qs.get(i);
            lines.add("## " + q.text());
            Set<String> seen = new HashSet<>();
            List<List<String>> tops = new ArrayList<>(List.of(our.tops().get(i)));
            final int idx = i;
            neo.ifPresent(n -> tops.add(n.tops().get(idx)));
            for (int e = 0; e < tops.size(); e++) {
                for (String key : tops.get(e)) {
                    if (seen.add(key)) {
                        SearchDocument d = byKey.get(key);
                        Integer g = q.grades().get(key);
                        lines.add(String.format("%s %s %s | %s | %s", e == 0 ? "ours" : "neo4j", g == null ? "?" : g,
                                key, d == null ? "" : d.label(), d == null ? "" : d.context()));
                    }
                }
            }
        }
        Files.write(file, lines);
    }

    static void printPerQuestion(List<RelevanceSet.Question> qs, Result our, Optional<Result> neo) {
        System.out.println();
        System.out.printf("%-45s %7s %7s   %s%n", "question", "ours", "neo4j", "our top 3");
        for (int i = 0; i < qs.size(); i++) {
            String q = qs.get(i).text();
            final int idx = i;
            System.out.printf("%-45s %7.3f %7s   %s%n", q.length() > 45 ? q.substring(0, 45) : q, our.ndcgs().get(i),
                    neo.map(n -> String.format("%.3f", n.ndcgs().get(idx))).orElse("-"),
                    our.tops().get(i).subList(0, Math.min(3, our.tops().get(i).size())));
        }
    }

    /**
     * Says which graded keys the documents do not hold: by name for the tuning half, as a count only
     * for the test half (whose questions are not read one by one).
     */
    static void checkKeys(String half, List<RelevanceSet.Question> qs, List<SearchDocument> docs, boolean detail) {
        Set<String> keys = new HashSet<>();
        docs.forEach(d -> keys.add(d.key()));
        int unknown = 0;
        for (RelevanceSet.Question q : qs) {
            for (String k : q.grades().keySet()) {
                if (!keys.contains(k)) {
                    unknown++;
                    if (detail) {
                        System.out.println("relevance set (" + half + "): unknown key " + k + " in '" + q.text() + "'");
                    }
                }
            }
        }
        System.out.printf("relevance set, %s half: %d questions, %d unknown graded keys%n", half, qs.size(), unknown);
    }

    static void worstCases(SearchIndex index) {
        String longText = "diagnostic principal ".repeat(500).substring(0, 10_000);
        List<String> bad = List.of("", "   ", longText, "\"*:(~\\", "a* OR b~ AND (c:d) \\\"",
                "xyzqwerty abcdefghij klmnopqrst uvwxyzabcd efghijklmn opqrstuvwx yzabcdefgh ijklmnopqr "
                        + "stuvwxyzab cdefghijkl mnopqrstuv wxyzabcdef ghijklmnop qrstuvwxyz abcdefghik lmnopqrstw "
                        + "uvwxyzabce defghijklm nopqrstuvx yzabcdefgj hijklmnopt uvwxyzabcf ghijklmnoq rstuvwxyzb "
                        + "cdefghijkn opqrstuvwy zabcdefghl ijklmnopqs tuvwxyzabg hijklmnopu vwxyzabcdh",
                "1 2 3 4 5 6 7 8 9 0 a b c d e f", "00", "code de la date de la table des données du bénéficiaire");
        long worst = 0;
        String worstQuery = "";
        for (int round = 0; round < 3; round++) {
            for (String q : bad) {
                long t = System.nanoTime();
                index.search(SearchRequest.of(q));
                long dt = System.nanoTime() - t;
                if (round > 0 && dt > worst) {
                    worst = dt;
                    worstQuery = q;
                }
            }
        }
        System.out.printf("worst case (bad inputs, with facets): %.2f ms for '%s'%n", worst / 1e6,
                worstQuery.length() > 60 ? worstQuery.substring(0, 60) + "... (" + worstQuery.length() + " chars)" : worstQuery);
        for (String q : bad) {
            org.healthgraph.catalog.search.SearchResult r = index.search(SearchRequest.of(q));
            System.out.printf("  bad input '%s': %d hits, notice %s%n",
                    q.length() > 30 ? q.substring(0, 30) + "... (" + q.length() + " chars)" : q, r.totalHits(),
                    r.notice().orElse("none"));
        }
        long t = System.nanoTime();
        org.healthgraph.catalog.search.SearchResult unknown = index.search(SearchRequest.of("date")
                .withFilters(org.healthgraph.catalog.search.SearchFilters.NONE.withTables(Set.of("NO_SUCH_TABLE"))));
        System.out.printf("  unknown filter value (table NO_SUCH_TABLE): %d hits in %.2f ms%n", unknown.totalHits(),
                (System.nanoTime() - t) / 1e6);
    }

    /**
     * Imports schema-snds into a fresh embedded Neo4j with the catalog's importer, then times
     * {@code CatalogDocuments.reindex}: the index build from the graph, as {@code healthgraph reindex}
     * runs it.
     */
    static void buildFromGraph(Path root, Path work) {
        // -Dsearch.graph=DIR keeps the imported graph for the next run (the import takes minutes).
        Path graphDir = Optional.ofNullable(System.getProperty("search.graph")).map(Path::of)
                .orElse(work.resolve("catalog-graph"));
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(graphDir))) {
            Catalog catalog = Catalogs.reader(store);
            CatalogWriter writer = Catalogs.writer(store);
            writer.ensureSchema();
            long t0 = System.nanoTime();
            ImportReport report = new TableSchemaImporter(catalog, writer).importTree(root, ImportProgress.NONE);
            System.out.printf("catalog imported into Neo4j: %d ms (%,d rows, %d files unchanged)%n", ms(t0),
                    report.rowsRead(), report.filesUnchanged());
            long t2 = System.nanoTime();
            long[] read = {0};
            catalog.forEachEntry(Set.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE,
                    EntryKind.CODE), e -> read[0]++);
            System.out.printf("graph read alone (tables, variables, code lists, codes): %d ms (%,d entries)%n", ms(t2),
                    read[0]);
            try (SearchIndex index = SearchIndex.open(work.resolve("lucene-from-graph"))) {
                long t1 = System.nanoTime();
                long n = CatalogDocuments.reindex(catalog, index);
                System.out.printf("our index built from the graph (read + index + commit): %d ms (%,d documents)%n",
                        ms(t1), n);
            }
        }
    }

    /**
     * Imports schema-snds into fresh embedded graphs three times: the catalog writer alone, then with
     * the search index kept current change by change (one read-back and commit per file, as the
     * application wired it), then with {@link org.healthgraph.catalog.search.BatchedIndexing}: the
     * difference is the cost of feeding the index during an import.
     */
    static void importWithListeners(Path root, Path work) {
        for (String mode : List.of("writer alone", "index per change", "index in batches")) {
            Path graphDir = work.resolve("import-" + mode.replace(' ', '-'));
            try (GraphStore store = GraphStores.open(GraphSettings.embedded(graphDir));
                    SearchIndex index = SearchIndex.open(work.resolve("lucene-" + mode.replace(' ', '-')))) {
                Catalog catalog = Catalogs.reader(store);
                CatalogWriter writer = Catalogs.writer(store);
                writer.ensureSchema();
                org.healthgraph.catalog.search.BatchedIndexing batches = null;
                if (mode.equals("index per change")) {
                    writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
                } else if (mode.equals("index in batches")) {
                    batches = org.healthgraph.catalog.search.BatchedIndexing.start(catalog,
                            () -> org.healthgraph.catalog.search.Knowledge.NONE, index);
                    writer.addListener(batches);
                }
                long t0 = System.nanoTime();
                ImportReport report = new TableSchemaImporter(catalog, writer).importTree(root, ImportProgress.NONE);
                if (batches != null) {
                    batches.close();
                }
                System.out.printf("import of schema-snds, %s: %d ms (%,d rows; index holds %,d documents)%n", mode,
                        ms(t0), report.rowsRead(), index.size());
            }
        }
    }

    static void loadNeo4j(GraphStore store, List<SearchDocument> docs) {
        long t = System.nanoTime();
        Map<DocumentKind, Label> labels = Map.of(DocumentKind.TABLE, GraphNames.TABLE, DocumentKind.VARIABLE,
                GraphNames.VARIABLE, DocumentKind.NOMENCLATURE, GraphNames.NOMENCLATURE, DocumentKind.CODE, GraphNames.CODE);
        store.ensureSchema(labels.values(), List.of());
        Map<DocumentKind, List<Map<String, Object>>> rows = new HashMap<>();
        for (SearchDocument d : docs) {
            Label l = labels.get(d.kind());
            Map<String, Object> row = new HashMap<>();
            row.put(l.keyProperty(), l.keyProperty().equals("name") ? d.name() : d.key());
            row.put("skey", d.key());
            row.put("name", d.name());
            row.put("label", d.label());
            row.put("context", d.context());
            row.put("product", d.product());
            rows.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(row);
        }
        rows.forEach((k, r) -> store.upsertNodes(labels.get(k), r));
        Neo4jGraph.require(store, "Cypher").writeCypher(w -> w.run("CREATE FULLTEXT INDEX " + NEO4J_INDEX + " IF NOT EXISTS FOR "
                + "(n:Table|Variable|Nomenclature|Code) ON EACH [n.name, n.label, n.context] "
                + "OPTIONS {indexConfig: {`fulltext.analyzer`: 'french'}}", Map.of()));
        Neo4jGraph.require(store, "Cypher").read("CALL db.awaitIndexes(600)", Map.of());
        System.out.printf("neo4j loaded and full-text indexed: %d ms%n", ms(t));
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}

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
        long t0 = System.nanoTime();
        SchemaSndsDocuments reader = new SchemaSndsDocuments(root);
        List<SearchDocument> docs = reader.read();
        System.out.printf("schema-snds read: %,d documents in %d ms (%d unreadable code rows)%n", docs.size(),
                ms(t0), reader.malformedRows());
        List<RelevanceSet.Question> questions = RelevanceSet.load();
        checkKeys(questions, docs);
        Path indexDir = Optional.ofNullable(System.getProperty("search.index")).map(Path::of).orElse(work.resolve("lucene"));
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            if (index.size() == 0 || System.getProperty("search.index") == null) {
                long t1 = System.nanoTime();
                index.rebuild(docs.stream());
                System.out.printf("our index built: %d ms (%,d documents)%n", ms(t1), index.size());
            }
            Engine ours = q -> index.search(SearchRequest.of(q).withFacets(false)).hits().stream().map(SearchHit::key).toList();
            Engine oursFacets = q -> index.search(SearchRequest.of(q)).hits().stream().map(SearchHit::key).toList();
            Result our = measure("healthgraph", ours, questions);
            Result ourF = measure("healthgraph+facets", oursFacets, questions);
            worstCases(index);
            Optional<Result> neo = Optional.empty();
            GraphStore store = null;
            if (withNeo4j) {
                store = GraphStores.open(GraphSettings.embedded(work.resolve("neo4j")));
                loadNeo4j(store, docs);
                GraphStore s = store;
                Engine neo4j = q -> Neo4jGraph.require(s, "Cypher").read("CALL db.index.fulltext.queryNodes($index, $q, {limit: 10}) YIELD node "
                        + "RETURN node.skey AS key", Map.of("index", NEO4J_INDEX, "q", QueryParser.escape(q)),
                        row -> (String) row.get("key"));
                neo = Optional.of(measure("neo4j-fulltext", neo4j, questions));
            }
            printPerQuestion(questions, our, neo);
            if (System.getProperty("search.pool") != null) {
                writePool(Path.of(System.getProperty("search.pool")), questions, docs, our, neo);
            }
            System.out.println();
            System.out.printf("%-20s %8s %8s %8s %8s %12s%n", "engine", "nDCG@10", "MRR", "p50 ms", "p95 ms",
                    "p95 cpu ms");
            for (Result r : neo.isPresent() ? List.of(our, ourF, neo.get()) : List.of(our, ourF)) {
                System.out.printf("%-20s %8.3f %8.3f %8.2f %8.2f %12s%n", r.name, r.ndcg(), r.mrr(), r.p(50), r.p(95),
                        r == neo.orElse(null) ? "-" : String.format("%.2f", r.cpu(95)));
            }
            slowest(questions, our);
            slowest(questions, ourF);
            neo.ifPresent(n -> System.out.printf("nDCG@10 ratio healthgraph / neo4j-fulltext: %.2f%n", our.ndcg() / n.ndcg()));
            if (store != null) {
                store.close();
            }
        }
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

        private static double percentile(long[] values, int pct) {
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

    static void checkKeys(List<RelevanceSet.Question> qs, List<SearchDocument> docs) {
        Set<String> keys = new HashSet<>();
        docs.forEach(d -> keys.add(d.key()));
        for (RelevanceSet.Question q : qs) {
            for (String k : q.grades().keySet()) {
                if (!keys.contains(k)) {
                    System.out.println("relevance set: unknown key " + k + " in '" + q.text() + "'");
                }
            }
        }
        System.out.printf("relevance set: %d questions%n", qs.size());
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

package org.healthgraph.bench.search;

import java.nio.file.Path;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.catalog.search.SearchResult;

/** Prints our top hits for each argument over schema-snds: a tool to write and check relevance judgments. */
public final class SearchExplore {

    static final int REPEAT = Integer.getInteger("explore.repeat", 30);

    private SearchExplore() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("index.dir", "target/search-explore-index"));
        try (SearchIndex index = SearchIndex.open(dir)) {
            if (index.size() == 0) {
                Path root = SchemaSndsDocuments.locate().orElseThrow();
                long t0 = System.nanoTime();
                SchemaSndsDocuments reader = new SchemaSndsDocuments(root);
                long n = index.rebuild(SearchBenchmark.withDocumentation(reader, reader.read()).stream());
                System.out.printf("indexed %d documents in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
            }
            for (String q : args) {
                SearchResult r = index.search(SearchRequest.of(q).withFacets(false));
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long t = System.nanoTime();
                long c = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < REPEAT; i++) {
                    index.search(SearchRequest.of(q).withFacets(false));
                }
                System.out.printf("== %s  (%d hits, %.2f ms wall, %.2f ms cpu)%n", q, r.totalHits(),
                        (System.nanoTime() - t) / REPEAT / 1e6, (mx.getCurrentThreadCpuTime() - c) / REPEAT / 1e6);
                for (SearchHit h : r.hits()) {
                    System.out.printf("  %-8s %-40s %7.2f %s%n", h.kind(), h.key().length() > 40 ? h.key().substring(0, 40) : h.key(), h.score(),
                            h.label().length() > 80 ? h.label().substring(0, 80) : h.label());
                }
                for (String key : System.getProperty("explore.explain", "").split(",")) {
                    if (!key.isBlank()) {
                        System.out.println(index.explain(q, key).orElse(key + " is not indexed"));
                    }
                }
            }
        }
    }
}

package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;

/**
 * A catalog import into a data folder whose search index is empty (a fresh folder, or an earlier
 * import stopped before its index was built) feeds the index once at its end, by one rebuild from
 * the graph, rather than batch by batch while it writes: the SNDS dictionary's 420,000 entries then
 * cost one pass of the index writer instead of an update, a commit and merges every second, while
 * the batches are read back over Bolt. The rebuild also runs when the import fails or is refused,
 * so that the index holds what was committed; an import stopped before it leaves the index empty,
 * which the next import over the same folder sees and rebuilds again (its unchanged files are
 * skipped and tell the index nothing). Over an index that holds documents, imports feed it batch by
 * batch as before.
 */
final class IndexAtEnd {

    private IndexAtEnd() {
    }

    /**
     * Runs {@code importWork} and, when the index was empty before it, rebuilds the index after it,
     * saying so on {@code out} (documents and time: the import's report times the writing alone).
     */
    static <T> T around(JobContext context, PrintWriter out, Supplier<T> importWork) {
        SearchIndex index = context.bean(SearchIndex.class);
        if (index.size() > 0) {
            return importWork.get();
        }
        CatalogWriter writer = context.bean(CatalogWriter.class);
        BatchedIndexing batches = context.bean(BatchedIndexing.class);
        writer.removeListener(batches);
        T result;
        try {
            result = importWork.get();
        } catch (RuntimeException | Error e) {
            try {
                rebuild(context, index, out);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            writer.addListener(batches);
        }
        rebuild(context, index, out);
        return result;
    }

    private static void rebuild(JobContext context, SearchIndex index, PrintWriter out) {
        long started = System.nanoTime();
        long documents = CatalogDocuments.reindex(Catalogs.reader(context.bean(GraphStore.class)),
                context.bean(Documentation.class), index);
        out.printf("Search index built: %,d documents in %.1f s%n", documents, (System.nanoTime() - started) / 1e9);
    }
}

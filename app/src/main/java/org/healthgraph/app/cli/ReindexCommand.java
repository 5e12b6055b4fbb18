package org.healthgraph.app.cli;

import java.util.concurrent.Callable;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchException;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code healthgraph reindex}: rebuilds the catalog search index from the graph. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the catalog search index from the graph (tables, variables, code lists, codes, documentation pages).")
public final class ReindexCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Override
    public Integer call() {
        try (JobContext job = JobContext.open(graph)) {
            long t0 = System.nanoTime();
            long n = CatalogDocuments.reindex(Catalogs.reader(job.bean(GraphStore.class)),
                    job.bean(org.healthgraph.catalog.documentation.Documentation.class), job.bean(SearchIndex.class));
            spec.commandLine().getOut().printf("indexed %,d documents in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (SearchException e) {
            spec.commandLine().getErr().println("healthgraph reindex: " + e.getMessage());
            return 2;
        }
    }
}

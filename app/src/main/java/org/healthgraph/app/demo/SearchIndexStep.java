package org.healthgraph.app.demo;

import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;

/**
 * Rebuilds the catalog search index from the graph once the demo dictionary is loaded, reporting
 * the build to the index readiness registry ({@code /actuator/health}, component {@code indexes}).
 */
public final class SearchIndexStep implements DemoStep {

    private final GraphStore store;
    private final SearchIndex index;
    private final IndexReadiness.Tracker readiness;

    public SearchIndexStep(GraphStore store, SearchIndex index, IndexReadiness readiness) {
        this.store = store;
        this.index = index;
        this.readiness = readiness.track("search index");
    }

    @Override
    public String name() {
        return "catalog search index";
    }

    /** After every step that writes catalog data. */
    @Override
    public int order() {
        return 900;
    }

    @Override
    public String run() {
        readiness.building("rebuilt from the demo catalog", 0);
        try {
            long documents = CatalogDocuments.reindex(Catalogs.reader(store), Catalogs.documentation(store), index);
            readiness.ready("rebuilt from the demo catalog", java.util.Map.of("documents", documents));
            return documents + " documents";
        } catch (RuntimeException e) {
            readiness.failed("the demo's search index could not be built (see the log)");
            throw e;
        }
    }
}

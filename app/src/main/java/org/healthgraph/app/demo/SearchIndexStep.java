package org.healthgraph.app.demo;

import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Rebuilds the catalog search index from the graph once the demo dictionary is loaded. */
@Component
@ConditionalOnProperty(name = "healthgraph.demo.enabled", havingValue = "true")
public final class SearchIndexStep implements DemoStep {

    private final GraphStore store;
    private final SearchIndex index;

    public SearchIndexStep(GraphStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
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
        return CatalogDocuments.reindex(Catalogs.reader(store), index) + " documents";
    }
}

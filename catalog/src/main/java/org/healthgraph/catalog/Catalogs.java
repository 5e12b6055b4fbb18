package org.healthgraph.catalog;

import org.healthgraph.catalog.internal.GraphCatalog;
import org.healthgraph.catalog.internal.GraphCatalogWriter;
import org.healthgraph.graph.GraphStore;

/** Opens the catalog over a graph store. */
public final class Catalogs {

    private Catalogs() {
    }

    /** A catalog that reads the given store. */
    public static Catalog reader(GraphStore store) {
        return new GraphCatalog(store);
    }

    /** A writer into the given store; create one per application and share it (it holds the listeners). */
    public static CatalogWriter writer(GraphStore store) {
        return new GraphCatalogWriter(store);
    }
}

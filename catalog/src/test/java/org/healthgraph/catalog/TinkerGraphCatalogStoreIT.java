package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** The catalog's contract on the embedded TinkerGraph. */
class TinkerGraphCatalogStoreIT extends CatalogStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }
}

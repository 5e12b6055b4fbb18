package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** The documentation store's contract on the embedded TinkerGraph. */
class TinkerGraphDocumentationStoreIT extends DocumentationStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }
}

package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;

/** The documentation store's contract on a Gremlin Server in its own JVM. */
class GremlinServerDocumentationStoreIT extends DocumentationStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }
}

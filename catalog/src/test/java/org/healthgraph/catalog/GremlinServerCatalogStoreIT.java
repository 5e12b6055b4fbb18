package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;

/** The catalog's contract on a Gremlin Server in its own JVM. */
class GremlinServerCatalogStoreIT extends CatalogStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }
}

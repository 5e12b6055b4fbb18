package org.healthgraph.linkage.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;

/** The link store's contract on a Gremlin Server in its own JVM. */
class GremlinServerLinkStoreIT extends LinkStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }
}

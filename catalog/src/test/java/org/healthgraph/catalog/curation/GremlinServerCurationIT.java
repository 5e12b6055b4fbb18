package org.healthgraph.catalog.curation;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;

/** Curation on a Gremlin Server in its own JVM (the remote Gremlin adapter). */
class GremlinServerCurationIT extends CurationContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }
}

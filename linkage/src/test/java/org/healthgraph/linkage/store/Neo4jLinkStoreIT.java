package org.healthgraph.linkage.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;

/** The link store's contract on Neo4j (embedded, over Bolt). */
class Neo4jLinkStoreIT extends LinkStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }
}

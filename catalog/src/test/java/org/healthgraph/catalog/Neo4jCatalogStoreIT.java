package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;

/** The catalog's contract on Neo4j (embedded, over Bolt). */
class Neo4jCatalogStoreIT extends CatalogStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }
}

package org.healthgraph.catalog;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;

/** The documentation store's contract on Neo4j (embedded, over Bolt). */
class Neo4jDocumentationStoreIT extends DocumentationStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }
}

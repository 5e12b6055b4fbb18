package org.healthgraph.catalog.curation;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;

/** Curation on Neo4j (embedded, over Bolt). */
class Neo4jCurationIT extends CurationContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }
}

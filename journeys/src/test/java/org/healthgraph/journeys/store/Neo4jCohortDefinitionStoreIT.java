package org.healthgraph.journeys.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;

/** The cohort definition store contract on the embedded Neo4j over Bolt. */
class Neo4jCohortDefinitionStoreIT extends CohortDefinitionStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedNeo4j.store();
    }
}

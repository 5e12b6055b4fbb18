package org.healthgraph.journeys.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;

/** The cohort definition store contract on the Gremlin Server in its own JVM. */
class GremlinServerCohortDefinitionStoreIT extends CohortDefinitionStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }
}

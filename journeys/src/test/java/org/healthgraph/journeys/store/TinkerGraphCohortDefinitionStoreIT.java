package org.healthgraph.journeys.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;

/** The cohort definition store contract on the embedded TinkerGraph. */
class TinkerGraphCohortDefinitionStoreIT extends CohortDefinitionStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }
}

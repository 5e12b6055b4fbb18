package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedTinkerGraph;
import org.junit.jupiter.api.Test;

/** The journey store contract on the embedded TinkerGraph, which has no cross-check. */
class TinkerGraphJourneyStoreIT extends JourneyStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
    }

    @Test
    void theBackendIsGremlinAndItHasNoCrossCheck() {
        assertThat(store().backend()).isEqualTo("gremlin");
        assertThat(store().crossCheck()).isEmpty();
    }
}

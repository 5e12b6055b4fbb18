package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedGremlinServer;
import org.junit.jupiter.api.Test;

/** The journey store contract on a Gremlin Server in its own JVM, which has no cross-check. */
class GremlinServerJourneyStoreIT extends JourneyStoreContract {

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }

    @Test
    void theBackendIsGremlinAndItHasNoCrossCheck() {
        assertThat(store().backend()).isEqualTo("gremlin");
        assertThat(store().crossCheck()).isEmpty();
    }
}

package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graph.testing.SharedGremlinServer;
import org.junit.jupiter.api.Test;

/** The journey store contract on a Gremlin Server in its own JVM, which has no cross-check. */
class GremlinServerJourneyStoreIT extends JourneyStoreContract {

    private static final JourneyStore STORE = open();

    private static JourneyStore open() {
        JourneyStore store = JourneyStores.on(SharedGremlinServer.store());
        store.ensureSchema();
        return store;
    }

    @Override
    protected JourneyStore store() {
        return STORE;
    }

    @Override
    protected GraphStore graph() {
        return SharedGremlinServer.store();
    }

    @Override
    protected String unique(String prefix) {
        return SharedNeo4j.uniqueKey(prefix);
    }

    @Test
    void theBackendIsGremlinAndItHasNoCrossCheck() {
        assertThat(store().backend()).isEqualTo("gremlin");
        assertThat(store().crossCheck()).isEmpty();
    }
}

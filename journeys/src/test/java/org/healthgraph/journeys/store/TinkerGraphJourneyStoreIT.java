package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graph.testing.SharedTinkerGraph;
import org.junit.jupiter.api.Test;

/** The journey store contract on the embedded TinkerGraph, which has no cross-check. */
class TinkerGraphJourneyStoreIT extends JourneyStoreContract {

    private static final JourneyStore STORE = open();

    private static JourneyStore open() {
        JourneyStore store = JourneyStores.on(SharedTinkerGraph.store());
        store.ensureSchema();
        return store;
    }

    @Override
    protected JourneyStore store() {
        return STORE;
    }

    @Override
    protected GraphStore graph() {
        return SharedTinkerGraph.store();
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

package org.healthgraph.graph.testing;

import java.nio.file.Path;
import java.util.List;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.GremlinSettings;

/**
 * One embedded TinkerGraph (the transactional {@code TinkerTransactionGraph}, in memory) per test
 * JVM, opened through {@link GraphStores} like the application's. Tests share it, so each works in
 * its own data: use {@link SharedNeo4j#uniqueKey(String)} for keys.
 */
public final class SharedTinkerGraph {

    private static GraphStore store;

    private SharedTinkerGraph() {
    }

    public static synchronized GraphStore store() {
        if (store == null) {
            store = GraphStores.open(GraphSettings.gremlin(GremlinSettings.inMemory(), Path.of("unused")));
            store.ensureSchema(GraphNames.LABELS, List.of());
            GraphStore opened = store;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "shared-tinkergraph-shutdown"));
        }
        return store;
    }
}

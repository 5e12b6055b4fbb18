package org.healthgraph.graph;

import org.healthgraph.graph.internal.gremlin.GremlinGraphStore;
import org.healthgraph.graph.internal.neo4j.EmbeddedNeo4j;
import org.healthgraph.graph.internal.neo4j.Neo4jGraphStore;

/** Opens graph stores. */
public final class GraphStores {

    private GraphStores() {
    }

    /**
     * Opens the store the settings describe: with the Neo4j backend, an embedded Neo4j reached over
     * Bolt on loopback with the data folder's password or an external server; with the Gremlin backend, an embedded TinkerGraph or a
     * Gremlin Server. Fails with a {@link GraphUnavailableException} naming the setting to change
     * when the database cannot be opened or reached.
     */
    public static GraphStore open(GraphSettings settings) {
        if (settings.backend() == GraphBackend.GREMLIN) {
            return GremlinGraphStore.open(settings);
        }
        if (settings.isEmbedded()) {
            EmbeddedNeo4j embedded = EmbeddedNeo4j.start(settings.dataDir(), settings.boltPort());
            try {
                return embedded.connect(settings.database(), settings.batchSize());
            } catch (RuntimeException e) {
                embedded.close();
                throw e;
            }
        }
        return Neo4jGraphStore.connect(settings.uri().orElseThrow(), settings.username(), settings.password(),
                settings.database(), settings.batchSize(), () -> { }, false);
    }
}

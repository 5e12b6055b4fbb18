package org.healthgraph.graph;

/**
 * A capability that the configured graph backend does not have (the Cypher cross-check, the batch
 * importer...); the message names the capability and the setting that chooses the backend.
 */
public final class GraphUnsupportedException extends GraphStoreException {

    private static final long serialVersionUID = 1L;

    public GraphUnsupportedException(String message) {
        super(ErrorKind.UNAVAILABLE, message, null);
    }

    /** A failure saying that {@code what} needs {@code capability}, which {@code store} does not offer. */
    public static GraphUnsupportedException of(GraphStore store, GraphCapability capability, String what) {
        String needs = switch (capability) {
            case CYPHER -> "the Neo4j backend (" + GraphBackend.SETTING + "=neo4j)";
            case BULK_LOAD -> "the embedded Neo4j (" + GraphBackend.SETTING + "=neo4j and no healthgraph.neo4j.uri)";
            case ATOMIC_WRITES -> "a graph with transactions (Neo4j, or a Gremlin graph such as JanusGraph or"
                    + " TinkerTransactionGraph)";
        };
        return new GraphUnsupportedException(what + " needs " + needs + "; the graph in use is " + store.backend()
                .settingValue() + " (" + store.describe() + ")");
    }
}

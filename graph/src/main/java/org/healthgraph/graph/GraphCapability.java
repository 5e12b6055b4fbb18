package org.healthgraph.graph;

/** What a {@link GraphStore} can do beyond the port's common operations, which every backend offers. */
public enum GraphCapability {
    /**
     * {@link GraphStore#write} is all or nothing: Neo4j always; a Gremlin backend when its graph
     * supports transactions (TinkerTransactionGraph, JanusGraph, Neptune). Without it each traversal
     * of a write is applied on its own and a failed write can leave part of its changes.
     */
    ATOMIC_WRITES,
    /** Cypher statements can be run ({@code org.healthgraph.graph.neo4j.Neo4jGraph}), e.g. the cohort cross-check. */
    CYPHER,
    /**
     * A first load may go through Neo4j's batch importer ({@link GraphBulkLoad}): the embedded Neo4j only,
     * whose files this process owns.
     */
    BULK_LOAD
}

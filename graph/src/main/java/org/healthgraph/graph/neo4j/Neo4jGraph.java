package org.healthgraph.graph.neo4j;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.healthgraph.graph.GraphCapability;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphUnsupportedException;

/**
 * A {@link GraphStore} on Neo4j, with the Cypher access that store adapters need (the classes in
 * {@code ..store.internal.neo4j} packages; domain code uses its typed stores). Statements are
 * parameterised: values travel as parameters, never inside the text. Rows come back as plain Java
 * values (lists, maps, strings, longs, doubles, booleans, {@code java.time} values; nodes and
 * relationships as their property maps), no driver type.
 */
public interface Neo4jGraph extends GraphStore {

    /** Runs a read statement in a read transaction (retried on transient failures). */
    List<Map<String, Object>> read(String cypher, Map<String, Object> parameters);

    /** Runs a read statement and maps every row as it streams in. */
    <T> List<T> read(String cypher, Map<String, Object> parameters, Function<Map<String, Object>, T> mapper);

    /**
     * Runs {@code work} in one write transaction, committed when it returns and rolled back when it
     * throws; transient failures (deadlocks, leader switches) are retried, so {@code work} must have
     * no effect outside the writer it is given. (Not named {@code write}: that name is
     * {@link GraphStore#write}'s, with the same erasure.)
     */
    <T> T writeCypher(Function<CypherWriter, T> work);

    /**
     * The store as a {@link Neo4jGraph}, or a {@link GraphUnsupportedException} naming {@code what}
     * and the setting that chooses the backend when it is another backend.
     */
    static Neo4jGraph require(GraphStore store, String what) {
        store.require(GraphCapability.CYPHER, what);
        if (store instanceof Neo4jGraph neo4j) {
            return neo4j;
        }
        throw GraphUnsupportedException.of(store, GraphCapability.CYPHER, what);
    }
}

package org.healthgraph.graph.neo4j;

import java.util.List;
import java.util.Map;

import org.healthgraph.graph.GraphWriter;

/** The writer of one Neo4j write transaction: the port's upserts plus parameterised Cypher. */
public interface CypherWriter extends GraphWriter {

    /** Runs a parameterised statement in this transaction and returns its rows as plain Java values. */
    List<Map<String, Object>> run(String cypher, Map<String, Object> parameters);
}

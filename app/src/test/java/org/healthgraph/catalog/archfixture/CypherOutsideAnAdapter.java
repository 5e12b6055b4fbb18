package org.healthgraph.catalog.archfixture;

import java.util.List;
import java.util.Map;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.neo4j.Neo4jGraph;

/**
 * A deliberate violation for the architecture test: Cypher in a catalog package that is not a
 * {@code ..neo4j..} adapter. Getting the adapter's view ({@code require}) alone would be allowed.
 * Compiled with the app's tests only.
 */
public final class CypherOutsideAnAdapter {

    private CypherOutsideAnAdapter() {
    }

    static List<Map<String, Object>> tables(GraphStore store) {
        return Neo4jGraph.require(store, "a fixture").read("MATCH (t:Table) RETURN t.name AS name", Map.of());
    }
}

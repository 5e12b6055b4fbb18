package org.healthgraph.catalog.archfixture;

import java.util.List;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.gremlin.GremlinGraph;

/**
 * A deliberate violation for the architecture test: a Gremlin traversal in a catalog package that is
 * not a {@code ..gremlin..} adapter. Compiled with the app's tests only.
 */
public final class GremlinOutsideAnAdapter {

    private GremlinOutsideAnAdapter() {
    }

    static List<Object> tables(GraphStore store) {
        return GremlinGraph.require(store, "a fixture").read(g -> g.V().hasLabel("Table").values("name").toList());
    }
}

package org.healthgraph.linkage.store;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.linkage.store.internal.gremlin.GremlinLinkStore;
import org.healthgraph.linkage.store.internal.neo4j.Neo4jLinkStore;

/** Opens the link store that fits a graph's backend. */
public final class LinkStores {

    private LinkStores() {
    }

    /** The link store on {@code graph}: Cypher on Neo4j, traversals on a Gremlin graph. */
    public static LinkStore on(GraphStore graph) {
        return switch (graph.backend()) {
            case NEO4J -> new Neo4jLinkStore(Neo4jGraph.require(graph, "the Neo4j link store"));
            case GREMLIN -> new GremlinLinkStore(GremlinGraph.require(graph, "the Gremlin link store"));
        };
    }
}

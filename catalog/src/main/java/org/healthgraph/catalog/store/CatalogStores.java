package org.healthgraph.catalog.store;

import org.healthgraph.catalog.store.internal.gremlin.GremlinCatalogStore;
import org.healthgraph.catalog.store.internal.gremlin.GremlinDocumentStore;
import org.healthgraph.catalog.store.internal.neo4j.Neo4jCatalogStore;
import org.healthgraph.catalog.store.internal.neo4j.Neo4jDocumentStore;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.neo4j.Neo4jGraph;

/** Opens the catalog store, and the documentation's, that fit a graph's backend. */
public final class CatalogStores {

    private CatalogStores() {
    }

    /** The catalog store on {@code graph}: Cypher on Neo4j, traversals on a Gremlin graph. */
    public static CatalogStore on(GraphStore graph) {
        return switch (graph.backend()) {
            case NEO4J -> new Neo4jCatalogStore(Neo4jGraph.require(graph, "the Neo4j catalog store"));
            case GREMLIN -> new GremlinCatalogStore(GremlinGraph.require(graph, "the Gremlin catalog store"));
        };
    }

    /** The documentation store on {@code graph}: Cypher on Neo4j, traversals on a Gremlin graph. */
    public static DocumentStore documents(GraphStore graph) {
        return switch (graph.backend()) {
            case NEO4J -> new Neo4jDocumentStore(Neo4jGraph.require(graph, "the Neo4j documentation store"));
            case GREMLIN -> new GremlinDocumentStore(GremlinGraph.require(graph, "the Gremlin documentation store"));
        };
    }
}

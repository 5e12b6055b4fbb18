/**
 * The Apache TinkerPop adapter of the graph port: {@link org.healthgraph.graph.internal.gremlin.GremlinGraphStore}
 * over an embedded {@code TinkerTransactionGraph} or a Gremlin Server (gremlin-driver, GraphBinary),
 * with traversals built through TinkerPop's Java API only (its Gremlin string parser, ANTLR 4.9,
 * cannot load beside Neo4j's ANTLR 4.13 in this JVM).
 */
package org.healthgraph.graph.internal.gremlin;

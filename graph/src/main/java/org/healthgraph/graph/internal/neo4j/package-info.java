/**
 * The Neo4j adapter of the graph store: parameterised Cypher over the Neo4j Java driver, batched
 * {@code UNWIND} writes in managed transactions, and the embedded Neo4j started in-process with its
 * Bolt connector on loopback so that the driver reaches it exactly as it would a server.
 */
package org.healthgraph.graph.internal.neo4j;

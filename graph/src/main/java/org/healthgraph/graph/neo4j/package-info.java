/**
 * The Neo4j side of the graph port, for store adapters only ({@code ..store.internal.neo4j} packages):
 * {@link org.healthgraph.graph.neo4j.Neo4jGraph}, a {@link org.healthgraph.graph.GraphStore} that also
 * runs parameterised Cypher, and its write transaction {@link org.healthgraph.graph.neo4j.CypherWriter}.
 * Domain code never uses it: it reaches the graph through its module's typed stores.
 */
package org.healthgraph.graph.neo4j;

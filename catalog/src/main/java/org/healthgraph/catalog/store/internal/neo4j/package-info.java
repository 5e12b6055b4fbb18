/**
 * The catalog store on Neo4j: every catalog statement in parameterised Cypher, run through
 * {@link org.healthgraph.graph.neo4j.Neo4jGraph}.
 */
package org.healthgraph.catalog.store.internal.neo4j;

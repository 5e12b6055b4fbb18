/** The link store on Neo4j: reads of {@code LINKED_TO} in parameterised Cypher. */
package org.healthgraph.linkage.store.internal.neo4j;

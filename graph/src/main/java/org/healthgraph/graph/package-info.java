/**
 * The property graph shared by the catalog and the patient data: its names (labels, relationship
 * types, key properties), the {@link org.healthgraph.graph.GraphStore} port through which every
 * other module reads and writes it (no query language: upserts, look-ups, counts, neighbourhoods,
 * shortest paths), the settings that choose its backend ({@link org.healthgraph.graph.GraphSettings}:
 * Neo4j embedded or a server, or a Gremlin graph embedded or a Gremlin Server) and the factory that
 * opens it. Store adapters of other modules reach Cypher through {@code org.healthgraph.graph.neo4j}
 * and Gremlin through {@code org.healthgraph.graph.gremlin}; implementations live in {@code internal}
 * packages.
 */
package org.healthgraph.graph;

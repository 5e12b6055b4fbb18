/**
 * The property graph shared by the catalog and the patient data: its names (labels, relationship
 * types, key properties), the {@link org.healthgraph.graph.GraphStore} port through which every
 * other module reads and writes it, and the factory that opens a store on an embedded Neo4j or on
 * an external Neo4j server. Adapters live in {@code internal} packages.
 */
package org.healthgraph.graph;

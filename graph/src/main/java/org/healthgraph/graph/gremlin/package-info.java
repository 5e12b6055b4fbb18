/**
 * The Apache TinkerPop side of the graph port, for store adapters only ({@code ..store.internal.gremlin}
 * packages): {@link org.healthgraph.graph.gremlin.GremlinGraph}, a {@link org.healthgraph.graph.GraphStore}
 * that also runs traversals built with TinkerPop's Java API, its write transaction
 * {@link org.healthgraph.graph.gremlin.GremlinWriter}, and {@link org.healthgraph.graph.gremlin.GremlinValues},
 * the portable encoding of property values. Domain code never uses it.
 */
package org.healthgraph.graph.gremlin;

/**
 * The catalog store on a Gremlin graph (embedded TinkerGraph or a Gremlin Server): every catalog
 * query as a traversal built with TinkerPop's Java API, through {@link org.healthgraph.graph.gremlin.GremlinGraph}.
 */
package org.healthgraph.catalog.store.internal.gremlin;

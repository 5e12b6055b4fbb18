/**
 * The journey store on a Gremlin graph (embedded TinkerGraph or a Gremlin Server): patients, care
 * events, codes, pseudonyms and the journeys stamp as traversals built with TinkerPop's Java API,
 * through {@link org.healthgraph.graph.gremlin.GremlinGraph}.
 */
package org.healthgraph.journeys.store.internal.gremlin;

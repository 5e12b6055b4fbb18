/**
 * The journey store: the typed port through which journeys reach the graph (write a batch of
 * patients, page through them, read and move the journeys stamp, counts), with one implementation
 * per backend holding all the query text, chosen by {@link org.healthgraph.journeys.store.JourneyStores#on}.
 * Capabilities only some backends have (the Cypher cross-check of cohorts, Neo4j's batch importer)
 * are optional here and explained where they are missing.
 */
package org.healthgraph.journeys.store;

/**
 * The journey store on Neo4j: every Cypher statement of journeys (batched writes that replace a
 * patient's events and move the stamp, paged reads, the cohort cross-check) and the batch-importer
 * source of a first load. Serves {@code org.healthgraph.journeys.store} only.
 */
package org.healthgraph.journeys.store.internal.neo4j;

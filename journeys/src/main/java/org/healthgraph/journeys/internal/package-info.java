/**
 * Implementation of patient journeys: the compact per-patient timeline index and its parallel
 * evaluator, the Cypher translation of cohort queries (the cross-check engine), and the batched
 * Neo4j writes and streamed reads of care events. Other modules never import this package.
 */
package org.healthgraph.journeys.internal;

/**
 * The patient-journey benchmark: a synthetic SNDS-shaped extract generated, imported into Neo4j
 * and the timeline index, and the same cohort queries answered by the timeline engine, by Cypher
 * on the same Neo4j and by SQL on DuckDB over the same events, side by side in one run.
 */
package org.healthgraph.bench.journey;

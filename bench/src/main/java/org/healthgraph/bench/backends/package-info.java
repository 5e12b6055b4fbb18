/**
 * The graph backends side by side: the same small workload (catalog import of the demo dictionary,
 * join paths, catalog reads, journeys import, timeline index rebuild and a cohort) on an embedded
 * Neo4j, an embedded TinkerGraph and a Gremlin Server, for docs/scale-out.md.
 */
package org.healthgraph.bench.backends;

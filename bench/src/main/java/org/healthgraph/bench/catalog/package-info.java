/**
 * Benchmark of the catalog import: the whole of schema-snds (tables, variables, code lists, all
 * codes, joins) into an embedded Neo4j through the catalog writer, beside its peer, Neo4j's own
 * embedded API creating the same nodes without relationships or change detection.
 */
package org.healthgraph.bench.catalog;

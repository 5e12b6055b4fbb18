/**
 * The catalog over the graph store: how datasets, tables, variables, code lists, codes, joins and
 * variable history are laid out as nodes, relationships and properties (see design.md), the batched
 * Cypher that writes one unit a transaction with change detection, and the reads back.
 */
package org.healthgraph.catalog.internal;

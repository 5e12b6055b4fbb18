/**
 * How the catalog search index works inside: Lucene analyzers for French text, identifiers and
 * codes, the curated synonym list, the mapping of search documents to Lucene fields, and the query
 * planner that turns what a researcher typed into a bounded, boosted Lucene query. Nothing here is
 * used outside {@code org.healthgraph.catalog.search}.
 */
package org.healthgraph.catalog.search.internal;

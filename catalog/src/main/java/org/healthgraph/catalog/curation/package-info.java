/**
 * Reviewed curation of the catalog: a steward proposes a change of catalog entries
 * ({@link org.healthgraph.catalog.curation.Curation#propose}), another steward approves or rejects it;
 * an approval applies in one graph transaction with an optimistic version check, records a
 * {@link org.healthgraph.catalog.curation.Revision} per field, and is told to the catalog's change
 * listeners (search index, cache). Imports never overwrite curated text silently: they record an
 * {@link org.healthgraph.catalog.curation.ImportConflict}. Opened with
 * {@link org.healthgraph.catalog.Catalogs#curation}; its graph implementation lives in
 * {@code catalog.internal}.
 */
package org.healthgraph.catalog.curation;

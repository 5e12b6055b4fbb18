/**
 * Catalog search: one Lucene index over tables, variables, code lists and codes, analysed for
 * French text, SNDS identifiers and codes, ranked the way researchers expect (exact names and codes
 * first, canonical products before their copies), with facets, highlights, suggestions and
 * near-real-time updates. The index is fed with {@link org.healthgraph.catalog.search.SearchDocument}s
 * so that it stays independent of where the catalog is stored.
 */
package org.healthgraph.catalog.search;

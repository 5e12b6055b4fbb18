/**
 * The GraphQL face of catalog search: {@code Query.search} (hits, highlights, facets, cursor
 * paging) and {@code Query.suggest}, served from the catalog's {@code SearchIndex}.
 */
package org.healthgraph.graphql.search;

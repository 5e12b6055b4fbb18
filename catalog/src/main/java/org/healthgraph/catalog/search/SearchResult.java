package org.healthgraph.catalog.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of hits.
 *
 * @param hits the hits of this page, best first
 * @param totalHits how many documents match: exact when {@code totalHitsExact}, else a lower bound
 * @param totalHitsExact whether {@code totalHits} is exact (always when facets are counted)
 * @param facets per facet name, in the order kind, product, table, nomenclature, type, year, its values by count;
 *     empty when facets were not asked for
 * @param hasNextPage whether more hits follow this page
 * @param notice why the query was altered (truncated), if it was
 */
public record SearchResult(List<SearchHit> hits, long totalHits, boolean totalHitsExact, Map<String, List<FacetValue>> facets,
        boolean hasNextPage, Optional<String> notice) {

    public SearchResult {
        hits = List.copyOf(hits);
        facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
    }

    /** No hits. */
    public static SearchResult empty(Optional<String> notice) {
        return new SearchResult(List.of(), 0, true, Map.of(), false, notice);
    }
}

package org.healthgraph.catalog.search;

import java.util.Objects;
import java.util.Optional;

/**
 * A search: free text, filters, and a page ({@code first} hits after the opaque cursor {@code after}).
 *
 * @param query what the researcher typed; truncated to {@link #MAX_QUERY_CHARS} characters
 * @param filters facet filters
 * @param first page size, 1 to {@link #MAX_FIRST}
 * @param after cursor of the last hit of the previous page, empty for the first page
 * @param facets whether to count facets (costs a pass over all matching documents)
 * @param explain whether to attach Lucene's score explanation to every hit
 */
public record SearchRequest(String query, SearchFilters filters, int first, Optional<String> after,
        boolean facets, boolean explain) {

    /** Longest query text considered; the rest is ignored and the result says so. */
    public static final int MAX_QUERY_CHARS = 256;
    /** Largest page. */
    public static final int MAX_FIRST = 100;

    public SearchRequest {
        query = query == null ? "" : query;
        filters = filters == null ? SearchFilters.NONE : filters;
        after = after == null ? Optional.empty() : after;
        if (first < 1 || first > MAX_FIRST) {
            throw new SearchException("first must be between 1 and " + MAX_FIRST + ", was " + first);
        }
    }

    /** The first ten hits for {@code query}, with facets. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, SearchFilters.NONE, 10, Optional.empty(), true, false);
    }

    public SearchRequest withFilters(SearchFilters f) {
        return new SearchRequest(query, Objects.requireNonNull(f), first, after, facets, explain);
    }

    public SearchRequest withPage(int size, Optional<String> cursor) {
        return new SearchRequest(query, filters, size, cursor, facets, explain);
    }

    public SearchRequest withFacets(boolean on) {
        return new SearchRequest(query, filters, first, after, on, explain);
    }

    public SearchRequest withExplain(boolean on) {
        return new SearchRequest(query, filters, first, after, facets, on);
    }
}

package org.healthgraph.graphql.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.catalog.search.SearchResult;

/**
 * Keeps the results of recent searches, as Solr's query result cache and Elasticsearch's request
 * cache do: researchers and the web interface send the same questions again and again. Each result
 * is kept under the index version it was computed on, so any change to the index (an import, a
 * deletion, a rebuild) makes every older result unreachable at once. Requests with an explanation
 * are never kept. {@code maxEntries} 0 turns the cache off.
 */
public final class SearchResultCache {

    private record Key(long indexVersion, SearchRequest request) {
    }

    private final SearchIndex index;
    private final Cache<Key, SearchResult> results;

    public SearchResultCache(SearchIndex index, long maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("healthgraph.search.result-cache.max-entries must be 0 or more, got " + maxEntries);
        }
        this.index = index;
        this.results = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The result of {@code request}, computed now or kept from an earlier identical request on the same index. */
    public SearchResult search(SearchRequest request) {
        if (results == null || request.explain()) {
            return index.search(request);
        }
        long version = index.version();
        return results.get(new Key(version, request), k -> index.search(request));
    }
}

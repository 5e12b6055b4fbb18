package org.healthgraph.graphql.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.healthgraph.catalog.search.SearchDocument;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.catalog.search.SearchResult;
import org.junit.jupiter.api.Test;

class SearchResultCacheTest {

    private static SearchIndex indexOf(SearchDocument... documents) {
        SearchIndex index = SearchIndex.inMemory();
        index.rebuild(List.of(documents).stream());
        return index;
    }

    private static List<String> keys(SearchResult result) {
        return result.hits().stream().map(SearchHit::key).toList();
    }

    @Test
    void servesTheSameResultForTheSameRequestOnAnUnchangedIndex() {
        try (SearchIndex index = indexOf(SearchDocument.table("DCIR", "ER_PHA_F", "Prestations de pharmacie"))) {
            SearchResultCache cache = new SearchResultCache(index, 100);

            SearchResult first = cache.search(SearchRequest.of("pharmacie"));
            SearchResult second = cache.search(SearchRequest.of("pharmacie"));

            assertThat(second).isSameAs(first);
            assertThat(keys(first)).containsExactly("ER_PHA_F");
        }
    }

    @Test
    void seesAnIndexChangeAtOnce() {
        try (SearchIndex index = indexOf(SearchDocument.table("DCIR", "ER_PHA_F", "Prestations de pharmacie"))) {
            SearchResultCache cache = new SearchResultCache(index, 100);
            assertThat(keys(cache.search(SearchRequest.of("pharmacie")))).containsExactly("ER_PHA_F");

            index.upsert(List.of(SearchDocument.table("DCIRS", "NS_PHA_F", "Pharmacie (DCIRS)")));
            assertThat(keys(cache.search(SearchRequest.of("pharmacie")))).contains("ER_PHA_F", "NS_PHA_F");

            index.delete(List.of("NS_PHA_F"));
            assertThat(keys(cache.search(SearchRequest.of("pharmacie")))).containsExactly("ER_PHA_F");
        }
    }

    @Test
    void neverKeepsExplainedResultsNorAnythingWhenTurnedOff() {
        try (SearchIndex index = indexOf(SearchDocument.table("DCIR", "ER_PHA_F", "Prestations de pharmacie"))) {
            SearchResultCache on = new SearchResultCache(index, 100);
            SearchResultCache off = new SearchResultCache(index, 0);
            SearchRequest explained = SearchRequest.of("pharmacie").withExplain(true);

            assertThat(on.search(explained)).isNotSameAs(on.search(explained));
            assertThat(off.search(SearchRequest.of("pharmacie"))).isNotSameAs(off.search(SearchRequest.of("pharmacie")));
            assertThatThrownBy(() -> new SearchResultCache(index, -1)).hasMessageContaining("max-entries");
        }
    }
}

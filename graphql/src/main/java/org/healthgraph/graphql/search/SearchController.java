package org.healthgraph.graphql.search;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.healthgraph.catalog.search.DocumentKind;
import org.healthgraph.catalog.search.FacetValue;
import org.healthgraph.catalog.search.SearchFilters;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.catalog.search.SearchResult;
import org.healthgraph.catalog.search.Suggestion;
import org.healthgraph.graphql.execution.Selections;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import graphql.schema.DataFetchingEnvironment;

/** Serves {@code Query.search} and {@code Query.suggest}. */
@Controller
public final class SearchController {

    /** The filters argument. */
    public record Filters(List<DocumentKind> kinds, List<String> products, List<String> tables,
            List<String> nomenclatures, List<String> types, List<Integer> years) {

        SearchFilters toDomain() {
            return new SearchFilters(set(kinds), set(products), set(tables), set(nomenclatures), set(types), set(years));
        }

        private static <T> Set<T> set(List<T> values) {
            return values == null ? Set.of() : Set.copyOf(values);
        }
    }

    /** A page of hits. */
    public record Page(List<Edge> edges, PageInfo pageInfo, long totalCount, boolean totalCountExact,
            List<Facet> facets, String notice) {

        public List<Hit> hits() {
            return edges.stream().map(Edge::node).toList();
        }
    }

    public record Edge(String cursor, Hit node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public record Hit(DocumentKind kind, String key, String name, String label, String product, String table,
            String nomenclature, String type, String path, List<String> highlights, double score, String explanation) {
    }

    public record Facet(String name, List<FacetValue> values) {
    }

    private final SearchIndex index;
    private final SearchResultCache results;

    /** @param cacheEntries searches whose results are kept ({@code healthgraph.search.result-cache.max-entries}, 0: none) */
    public SearchController(SearchIndex index, long cacheEntries) {
        this.index = index;
        this.results = new SearchResultCache(index, cacheEntries);
    }

    @QueryMapping
    public Page search(@Argument String query, @Argument Filters filters, @Argument Integer first,
            @Argument String after, @Argument Boolean explain, DataFetchingEnvironment env) {
        SearchRequest request = new SearchRequest(query, filters == null ? SearchFilters.NONE : filters.toDomain(),
                first == null ? 10 : first, Optional.ofNullable(after), Selections.selects(env, "facets"),
                Boolean.TRUE.equals(explain));
        SearchResult r = results.search(request);
        List<Edge> edges = r.hits().stream().map(h -> new Edge(h.cursor(), hit(h))).toList();
        PageInfo info = new PageInfo(r.hasNextPage(), after != null && !after.isEmpty(),
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor());
        List<Facet> facets = r.facets().entrySet().stream().map(e -> new Facet(e.getKey(), e.getValue())).toList();
        return new Page(edges, info, r.totalHits(), r.totalHitsExact(), facets, r.notice().orElse(null));
    }

    @QueryMapping
    public List<Suggestion> suggest(@Argument String prefix, @Argument Integer first) {
        return index.suggest(prefix, first == null ? 10 : first);
    }

    private static Hit hit(SearchHit h) {
        return new Hit(h.kind(), h.key(), h.name(), h.label(), h.product(), blankToNull(h.table()),
                blankToNull(h.nomenclature()), blankToNull(h.type()), blankToNull(h.path()), h.highlights(), h.score(),
                h.explanation().orElse(null));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

}

package org.healthgraph.graphql.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthgraph.catalog.search.SearchDocument;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graphql.errors.ApiErrors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/** {@code Query.search} and {@code Query.suggest} through Spring for GraphQL over a real Lucene index. */
@SpringBootTest(classes = SearchControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SearchControllerIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ApiErrors.class)
    static class App {
        @Bean
        SearchController searchController(SearchIndex index) {
            return new SearchController(index, 2_000);
        }

        @Bean(destroyMethod = "close")
        SearchIndex searchIndex() {
            SearchIndex index = SearchIndex.inMemory();
            index.rebuild(List.of(
                    SearchDocument.table("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires"),
                    SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_DCD_DTE",
                            "Date de décès du bénéficiaire", "IR_DTE_V", "date", List.of(2006)),
                    SearchDocument.variable("BENEFICIAIRE", "IR_BEN_R", "Référentiel des bénéficiaires", "BEN_NAI_ANN",
                            "Année de naissance du bénéficiaire", "", "string", List.of(2006)),
                    SearchDocument.nomenclature("ORAVAL", "IR_CIM_V", "Tables de codes CIM10"),
                    SearchDocument.code("ORAVAL", "IR_CIM_V", "Tables de codes CIM10", "I21", "Infarctus aigu du myocarde"))
                    .stream());
            return index;
        }
    }

    @Autowired
    ExecutionGraphQlService graphQl;

    private ExecutionGraphQlResponse run(String document, Map<String, Object> variables) {
        return graphQl.execute(new DefaultExecutionGraphQlRequest(document, null, variables, Map.of(),
                UUID.randomUUID().toString(), null)).block();
    }

    @Test
    void searchReturnsHitsWithHighlightsFacetsAndCursors() {
        ExecutionGraphQlResponse r = run("""
                query($q: String!) { search(query: $q, first: 2) {
                  totalCount hits { kind key label table highlights }
                  edges { cursor node { key } } pageInfo { hasNextPage endCursor }
                  facets { name values { value count } } } }""", Map.of("q", "date de décès"));
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("search.hits[0].key").<String>getValue()).isEqualTo("IR_BEN_R.BEN_DCD_DTE");
        assertThat(r.field("search.hits[0].kind").<String>getValue()).isEqualTo("VARIABLE");
        assertThat(r.field("search.hits[0].table").<String>getValue()).isEqualTo("IR_BEN_R");
        assertThat(r.field("search.hits[0].highlights[0]").<String>getValue()).contains("<em>");
        assertThat(r.field("search.facets[0].name").<String>getValue()).isEqualTo("kind");
        assertThat(r.field("search.edges[0].cursor").<String>getValue()).isNotBlank();
    }

    @Test
    void searchFiltersByKindAndFindsCodes() {
        ExecutionGraphQlResponse r = run("""
                { search(query: "I21", filters: {kinds: [CODE]}) { hits { key } } }""", Map.of());
        assertThat(r.field("search.hits").<List<?>>getValue()).hasSize(1);
        assertThat(r.field("search.hits[0].key").<String>getValue()).isEqualTo("IR_CIM_V:I21");
    }

    @Test
    void suggestCompletesNames() {
        ExecutionGraphQlResponse r = run("{ suggest(prefix: \"BEN_D\") { text kind key } }", Map.of());
        assertThat(r.field("suggest[0].key").<String>getValue()).isEqualTo("IR_BEN_R.BEN_DCD_DTE");
    }

    @Test
    void badArgumentsAreBadRequestsNamingTheRule() {
        ExecutionGraphQlResponse r = run("{ search(query: \"x\", first: 0) { totalCount } }", Map.of());
        assertThat(r.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(e.getMessage()).contains("first must be between 1 and 100");
        });
        ExecutionGraphQlResponse syntax = run("{ search(query: \"\\\"*:(~\\\\\") { totalCount } }", Map.of());
        assertThat(syntax.getErrors()).isEmpty();
    }
}

package org.healthgraph.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

class SelectionsTest {

    /** Runs the query and returns whether {@code page} was found to select {@code facets}. */
    private static boolean facetsSelected(String query) {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("""
                        type Query { page: Page }
                        type Page { hits: [String] facets: [String] more: Page }
                        """),
                RuntimeWiring.newRuntimeWiring().type("Query", t -> t.dataFetcher("page", env -> {
                    seen.set(Selections.selects(env, "facets"));
                    return Map.of("hits", List.of("a"), "facets", List.of("f"));
                })).build())).build();
        ExecutionResult result = graphQl.execute(query);
        assertThat(result.getErrors()).isEmpty();
        return seen.get();
    }

    @Test
    void findsASubFieldSelectedDirectly() {
        assertThat(facetsSelected("{ page { hits facets } }")).isTrue();
    }

    @Test
    void findsASubFieldSelectedThroughAFragmentSpread() {
        assertThat(facetsSelected("{ page { hits ...f } } fragment f on Page { facets }")).isTrue();
    }

    @Test
    void findsASubFieldSelectedThroughAnInlineFragment() {
        assertThat(facetsSelected("{ page { hits ... on Page { facets } } }")).isTrue();
    }

    @Test
    void findsASubFieldInASecondOccurrenceOfTheSameField() {
        assertThat(facetsSelected("{ page { hits } page { facets } }")).isTrue();
    }

    @Test
    void doesNotCountASubFieldThatIsNotSelected() {
        assertThat(facetsSelected("{ page { hits } }")).isFalse();
    }

    @Test
    void doesNotCountAFieldOfTheSameNameDeeperDown() {
        assertThat(facetsSelected("{ page { hits more { facets } } }")).isFalse();
    }
}

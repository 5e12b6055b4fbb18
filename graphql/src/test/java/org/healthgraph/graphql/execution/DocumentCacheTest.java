package org.healthgraph.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { hello(name: String): String }"),
            RuntimeWiring.newRuntimeWiring().type("Query", t -> t.dataFetcher("hello",
                    env -> "bonjour " + env.getArgument("name"))).build());

    /** Counts how often graphql-java parses and validates, through the cache. */
    private static final class Counting {
        final AtomicInteger parses = new AtomicInteger();
        final DocumentCache cache;
        final GraphQL graphQl;

        Counting(int maxQueryLength) {
            cache = new DocumentCache(100, maxQueryLength);
            graphQl = GraphQL.newGraphQL(SCHEMA).preparsedDocumentProvider((input, parse) ->
                    cache.getDocumentAsync(input, i -> {
                        parses.incrementAndGet();
                        return parse.apply(i);
                    })).build();
        }

        ExecutionResult run(String query, String name) {
            return graphQl.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("name", name)).build());
        }
    }

    @Test
    void parsesAndValidatesAQuerySentAgainWithOtherVariablesOnlyOnce() {
        Counting counting = new Counting(1_000);
        String query = "query($name: String) { hello(name: $name) }";

        ExecutionResult first = counting.run(query, "Anne");
        ExecutionResult second = counting.run(query, "Paul");

        assertThat(first.<Map<String, Object>>getData()).containsEntry("hello", "bonjour Anne");
        assertThat(second.<Map<String, Object>>getData()).containsEntry("hello", "bonjour Paul");
        assertThat(counting.parses).hasValue(1);
        assertThat(counting.cache.size()).isEqualTo(1);
    }

    @Test
    void returnsTheSameValidationErrorsForAnInvalidQuerySentAgain() {
        Counting counting = new Counting(1_000);
        String query = "{ goodbye }";

        ExecutionResult first = counting.run(query, "x");
        ExecutionResult second = counting.run(query, "x");

        assertThat(first.getErrors()).isNotEmpty();
        assertThat(second.getErrors()).extracting(e -> e.getMessage())
                .isEqualTo(first.getErrors().stream().map(e -> e.getMessage()).toList());
        assertThat(counting.parses).hasValue(1);
    }

    @Test
    void neverKeepsAQueryLongerThanItsLimit() {
        Counting counting = new Counting(40);
        String query = "query($name: String) { hello(name: $name) }   ";

        counting.run(query, "a");
        counting.run(query, "b");

        assertThat(counting.parses).hasValue(2);
        assertThat(counting.cache.size()).isZero();
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> new DocumentCache(0, 10)).hasMessageContaining("must be positive");
    }
}

package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.testing.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The API's error mapping and limits, over real HTTP. The limits are set low here so that a query
 * just under and one just over each can be written by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"healthgraph.graphql.max-depth=4", "healthgraph.graphql.max-complexity=200",
                "healthgraph.graphql.timeout=2s"})
class GraphqlApiIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-api-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    @Autowired
    Environment environment;

    private JsonNode query(String query) {
        return new LocalHttp(environment).graphql(query);
    }

    private static String searchOf(int first) {
        // cost = 1 (search) + first x (edges 1 + node 1 + key 1 + label 1) = 1 + 4 x first
        return "{ search(query: \"date\", first: " + first + ") { edges { node { key label } } } }";
    }

    @Test
    void anUnexpectedFailureGivesOnlyACorrelationId() throws Exception {
        JsonNode result = query("{ failureForTests }");

        JsonNode error = result.path("errors").path(0);
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.path("extensions").path("correlationId").asString()).hasSize(36);
        assertThat(result.toString()).doesNotContain(FailureForTestsController.SECRET).doesNotContain("IllegalState")
                .doesNotContain("connection reset");
    }

    @Test
    void aPageLargerThanTheMaximumIsABadRequestNamingTheArgument() throws Exception {
        JsonNode result = query("{ search(query: \"date\", first: 101) { totalCount } }");

        JsonNode error = result.path("errors").path(0);
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(error.path("message").asString()).contains("first");
    }

    @Test
    void aQueryAtTheMaximumDepthRuns() throws Exception {
        JsonNode result = query("{ __schema { queryType { fields { name } } } }"); // depth 4, cost 22

        assertThat(result.has("errors")).as(result.toString()).isFalse();
    }

    @Test
    void aQueryOneLevelDeeperThanTheMaximumIsRefused() throws Exception {
        JsonNode result = query("{ __schema { queryType { fields { type { name } } } } }"); // depth 5, cost 62

        assertThat(result.path("errors").path(0).path("message").asString()).containsIgnoringCase("depth");
        assertThat(result.path("data").path("__schema").isMissingNode()).isTrue();
    }

    @Test
    void aQueryJustUnderTheMaximumComplexityRuns() throws Exception {
        JsonNode result = query(searchOf(49)); // cost 197

        assertThat(result.has("errors")).as(result.toString()).isFalse();
    }

    @Test
    void eachAliasOfAFieldCountsInTheComplexityLikeAFieldOfItsOwn() throws Exception {
        // one search(first: 12) costs 1 + 4 x 12 = 49: four aliases 196 run, five 245 are refused
        String four = "{ a: search(query: \"date\", first: 12) { edges { node { key label } } }"
                + " b: search(query: \"date\", first: 12) { edges { node { key label } } }"
                + " c: search(query: \"date\", first: 12) { edges { node { key label } } }"
                + " d: search(query: \"date\", first: 12) { edges { node { key label } } }";

        assertThat(query(four + " }").has("errors")).isFalse();
        JsonNode five = query(four + " e: search(query: \"date\", first: 12) { edges { node { key label } } } }");
        assertThat(five.path("errors").path(0).path("message").asString()).containsIgnoringCase("complexity");
        assertThat(five.path("data").path("a").isMissingNode() || five.path("data").path("a").isNull()).isTrue();
    }

    @Test
    void aQueryJustOverTheMaximumComplexityIsRefused() throws Exception {
        JsonNode result = query(searchOf(50)); // cost 201

        assertThat(result.path("errors").path(0).path("message").asString()).containsIgnoringCase("complexity");
    }

    @Test
    void aRequestWellWithinTheTimeoutIsAnswered() throws Exception {
        JsonNode result = query("{ slowForTests(millis: 300) }");

        assertThat(result.has("errors")).as(result.toString()).isFalse();
        assertThat(result.path("data").path("slowForTests").asString()).isEqualTo("done after 300 ms");
    }

    @Test
    void aRequestLongerThanTheTimeoutIsCutAtTheTimeout() throws Exception {
        HttpResponse<String> response = new LocalHttp(environment).post("/graphql", "{\"query\": \"{ slowForTests(millis: 8000) }\"}");

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body()).contains("Request Timeout").doesNotContain("done after");
    }
}

package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The response size cap, over real HTTP against the embedded Neo4j: the finding was forty aliases of
 * one 50 MB description answering 2 GB to an anonymous caller. Here a 300,000-character description
 * and a cap of 1 MiB stand for them: three aliases fit, four do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "healthgraph.graphql.max-response-bytes=1048576")
class ResponseSizeIT {

    private static final int DESCRIPTION = 300_000;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-response-size-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    @Autowired
    Environment environment;

    @Autowired
    CatalogWriter writer;

    @BeforeEach
    void aVariableWithALongDescription() {
        TableName table = TableName.of("BIG_T");
        writer.write(CatalogUnit.of("big.json").withDatasets(List.of(Dataset.named("BIG")))
                .withTables(List.of(new Table(table, "Big", "BIG", "", "", History.NONE, List.of())))
                .withVariables(List.of(Variable.simple(new VariableRef(table, "V"), 0, "x".repeat(DESCRIPTION), "string",
                        Optional.empty()))));
    }

    private static String aliases(int n) {
        return IntStream.range(0, n).mapToObj(i -> "a" + i + ": variable(table: \"BIG_T\", name: \"V\") { description }")
                .collect(Collectors.joining(" ", "{ ", " }"));
    }

    private HttpResponse<String> post(String query) {
        return new LocalHttp(environment).post("/graphql", new ObjectMapper().writeValueAsString(Map.of("query", query)));
    }

    @Test
    void anAnswerUnderTheCapIsGivenWhole() {
        HttpResponse<String> response = post(aliases(3));

        JsonNode result = new ObjectMapper().readTree(response.body());
        assertThat(result.has("errors")).as(response.body().substring(0, 200)).isFalse();
        assertThat(result.path("data").path("a2").path("description").asString()).hasSize(DESCRIPTION);
    }

    @Test
    void aliasesOfALongFieldBeyondTheCapAnswerABadRequestSayingHowToAskForLessAndNoData() {
        HttpResponse<String> response = post(aliases(4));

        assertThat(response.body().length()).as("the answer stays small").isLessThan(2_000);
        JsonNode result = new ObjectMapper().readTree(response.body());
        JsonNode error = result.path("errors").path(0);
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(error.path("message").asString()).contains("exceeded 1048576 bytes", "max-response-bytes", "first",
                "after");
        assertThat(result.path("data").isNull() || result.path("data").isMissingNode()).isTrue();
    }
}

package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Curation over real HTTP with real identities: two local stewards log in (tokens from
 * {@code /auth/token}), one proposes, approving it himself is refused, the other approves, and a
 * reader then reads the change and its history; a reader may not propose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CurationHttpIT {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-curation-http-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    @Autowired
    Environment environment;
    @Autowired
    CatalogWriter writer;

    @Test
    void oneStewardProposesAnotherApprovesOverHttpAndAReaderReadsTheChangeAndItsHistory() {
        writer.write(CatalogUnit.of("http.json").withDatasets(List.of(Dataset.named("HTTP")))
                .withTables(List.of(new Table(TableName.of("HTTP_T"), "Table", "HTTP", "", "", History.NONE, List.of())))
                .withVariables(List.of(Variable.simple(VariableRef.of("HTTP_T", "ID"), 0, "Identifiant", "string",
                        Optional.empty()))));
        LocalHttp http = new LocalHttp(environment);

        JsonNode proposed = http.as("gestionnaire").graphql("""
                mutation { proposeChange(input: {reason: "plus précis", changes: [{kind: VARIABLE, key: "HTTP_T.ID",
                  version: 0, description: "Identifiant <i>pseudonymisé</i>"}]}) { proposal { id author } } }""");
        assertThat(proposed.path("errors").isMissingNode()).as(proposed.toString()).isTrue();
        String id = proposed.path("data").path("proposeChange").path("proposal").path("id").asString();
        assertThat(proposed.path("data").path("proposeChange").path("proposal").path("author").asString())
                .isEqualTo("user:gestionnaire");

        String approve = "mutation { approveProposal(input: {id: \"" + id + "\", comment: \"vu\"}) { proposal { status review { reviewer } } } }";
        JsonNode own = http.as("gestionnaire").graphql(approve);
        assertThat(own.path("errors").get(0).path("extensions").path("kind").asString()).isEqualTo("FORBIDDEN");
        assertThat(own.path("errors").get(0).path("message").asString()).contains("another steward");

        JsonNode queue = http.as("relecteur").graphql("{ reviewQueue { edges { node { id changes { edges { node { key"
                + " fields { field oldValue newValue } } } } } } } }");
        assertThat(queue.toString()).contains(id, "Identifiant <i>pseudonymisé</i>");
        JsonNode approved = http.as("relecteur").graphql(approve);
        assertThat(approved.path("errors").isMissingNode()).as(approved.toString()).isTrue();
        assertThat(approved.path("data").path("approveProposal").path("proposal").path("review").path("reviewer").asString())
                .isEqualTo("user:relecteur");

        JsonNode read = http.as("lecteur").graphql("""
                { variable(table: "HTTP_T", name: "ID") { description }
                  catalogEntryHistory(kind: VARIABLE, key: "HTTP_T.ID") { version atVersion(version: 0) { description }
                    revisions { edges { node { author reviewer reason } } } } }""");
        assertThat(read.path("errors").isMissingNode()).as(read.toString()).isTrue();
        assertThat(read.path("data").path("variable").path("description").asString()).isEqualTo("Identifiant <i>pseudonymisé</i>");
        JsonNode history = read.path("data").path("catalogEntryHistory");
        assertThat(history.path("version").asInt()).isEqualTo(1);
        assertThat(history.path("atVersion").path("description").asString()).isEqualTo("Identifiant");
        assertThat(history.path("revisions").path("edges").get(0).path("node").toString())
                .contains("user:gestionnaire", "user:relecteur", "plus précis");

        JsonNode refused = http.as("lecteur").graphql("""
                mutation { proposeChange(input: {reason: "r", changes: [{kind: VARIABLE, key: "HTTP_T.ID", description: "x"}]}) {
                  proposal { id } } }""");
        assertThat(refused.path("errors").get(0).path("extensions").path("kind").asString()).isEqualTo("FORBIDDEN");
        assertThat(refused.path("errors").get(0).path("message").asString()).contains("STEWARD");
    }
}

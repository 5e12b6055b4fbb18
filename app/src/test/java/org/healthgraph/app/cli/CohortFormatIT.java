package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.AttritionStep;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.Disclosure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One cohort query format at three doors (issue 16, item 2): the web page's examples, read from the
 * ui source file where the page takes them, run through {@code healthgraph cohort --query FILE} (the
 * real command, on a data folder it imported), the GraphQL API over HTTP (the application started
 * on that folder afterwards) and the journeys reader, give the same attrition. An unversioned query
 * with the older pathway categories (a map) is migrated with a warning on stderr; a versioned one is
 * refused naming the field. The JSON Schema is served where docs/trajectories.md says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortFormatIT {

    private static final Path EXAMPLES = Path.of("..", "ui", "web", "src", "views", "cohort-examples.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTRITION_LINE = Pattern.compile("^  (\\d+)\\. (.*?) +(<suppressed>|\\d+~?)$");

    private static Path dir;
    /** The examples, by id: the query file's text. */
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();
    /** What the command printed for each example: attrition rows "step value". */
    private static final Map<String, List<String>> BY_COMMAND = new LinkedHashMap<>();
    private static CliRun migrated;
    private static CliRun refused;
    private static CliRun inline;

    @DynamicPropertySource
    static void importAndRunTheCommandThenServeTheFolder(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("healthgraph-cohort-format-it-");
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(42).generate(1500, extract);
        String data = dir.resolve("data").toString();
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            CliRun imported = InProcessCli.run("import", "snds-extract", extract.toString(), "--data-dir", data);
            assertThat(imported.exit()).as(imported.err()).isZero();
            for (JsonNode example : JSON.readTree(Files.readString(EXAMPLES))) {
                String id = example.path("id").asString();
                QUERIES.put(id, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(example.path("query")));
                Path file = Files.writeString(dir.resolve(id + ".json"), QUERIES.get(id), StandardCharsets.UTF_8);
                CliRun run = InProcessCli.run("cohort", "--query", file.toString(), "--data-dir", data);
                assertThat(run.exit()).as(id + ": " + run.err()).isZero();
                assertThat(run.err()).as(id).doesNotContain("warning");
                BY_COMMAND.put(id, attrition(run.out()));
            }
            String first = QUERIES.values().iterator().next();
            migrated = InProcessCli.run("cohort", "--query", Files.writeString(dir.resolve("unversioned.json"),
                    unversionedWithCategoriesAsAMap(first)).toString(), "--data-dir", data);
            refused = InProcessCli.run("cohort", "--query", Files.writeString(dir.resolve("versioned-map.json"),
                    "{\"version\": 1, " + unversionedWithCategoriesAsAMap(first).substring(1)).toString(), "--data-dir", data);
            inline = InProcessCli.run("cohort", "--query", first, "--data-dir", data);
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
        registry.add("healthgraph.data-dir", () -> data);
    }

    /** The query in the shape read before version 1: no version, pathway categories as a map name -> event. */
    private static String unversionedWithCategoriesAsAMap(String query) {
        ObjectNode old = (ObjectNode) JSON.readTree(query);
        old.remove("version");
        ObjectNode byName = JSON.createObjectNode();
        old.path("pathways").path("categories").forEach(c -> byName.set(c.path("name").asString(), c.path("event")));
        ((ObjectNode) old.path("pathways")).set("categories", byName);
        return JSON.writeValueAsString(old);
    }

    /** The attrition rows the command printed, as "step value" ("<suppressed>" for a suppressed count). */
    private static List<String> attrition(String out) {
        List<String> rows = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = ATTRITION_LINE.matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " " + m.group(3));
            }
        }
        return rows;
    }

    @Autowired
    Environment environment;

    @Autowired
    CohortService cohorts;

    @Test
    void theWebPagesExamplesGiveTheSameAttritionThroughTheCommandTheApiAndTheReader() {
        LocalHttp analyst = new LocalHttp(environment).as("analyste");
        cohorts.awaitReady();
        assertThat(QUERIES).hasSizeGreaterThanOrEqualTo(2);
        for (Map.Entry<String, String> example : QUERIES.entrySet()) {
            String id = example.getKey();
            ObjectNode input = (ObjectNode) JSON.readTree(example.getValue());
            input.remove("version"); // not a field of the GraphQL input
            JsonNode answer = JSON.readTree(analyst.post("/graphql", JSON.writeValueAsString(Map.of(
                    "query", "query($q: CohortQuery!) { cohort(query: $q) { attrition { step patients { value suppressed } } } }",
                    "variables", Map.of("q", input)))).body());
            assertThat(answer.has("errors")).as("%s: %s", id, answer).isFalse();
            List<String> byApi = new ArrayList<>();
            answer.path("data").path("cohort").path("attrition").forEach(s -> byApi.add(s.path("step").asInt() + " "
                    + (s.path("patients").path("suppressed").asBoolean() ? "<suppressed>" : s.path("patients").path("value").asString())));
            List<String> byReader = cohorts.release(CohortQueries.read(example.getValue()).query(), Disclosure.exact())
                    .result().attrition().stream().map(CohortFormatIT::row).toList();

            assertThat(BY_COMMAND.get(id)).as("%s: the command's attrition", id).hasSizeGreaterThanOrEqualTo(3)
                    .isEqualTo(byApi).isEqualTo(byReader);
            assertThat(byReader.getFirst()).as("%s: the index step finds patients", id).doesNotEndWith(" 0");
        }
    }

    private static String row(AttritionStep s) {
        return s.step() + " " + s.patients();
    }

    @Test
    void anUnversionedQueryWithCategoriesAsAMapIsMigratedWithAWarningOnStderrAndAVersionedOneIsRefused() {
        String first = QUERIES.keySet().iterator().next();

        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(migrated.err()).contains("warning: --query pathways.categories: a map name -> event");
        assertThat(attrition(migrated.out())).isEqualTo(BY_COMMAND.get(first));
        assertThat(refused.exit()).as("invalid input: exit 1").isEqualTo(1);
        assertThat(refused.err()).contains("pathways.categories: a list of categories").contains("found a map");
        assertThat(inline.exit()).as(inline.err()).isZero();
        assertThat(attrition(inline.out())).as("--query with the JSON itself").isEqualTo(BY_COMMAND.get(first));
    }

    @Test
    void theSchemaIsServedAsCheckedIn() throws Exception {
        var response = new LocalHttp(environment).as("lecteur").get("/schemas/cohort-query.schema.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/schema+json"));
        assertThat(response.body()).isEqualTo(Files.readString(Path.of("..", "docs", "cohort-query.schema.json")));
    }
}

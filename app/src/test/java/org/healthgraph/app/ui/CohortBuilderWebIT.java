package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.healthgraph.app.testing.BrowserScript;
import org.healthgraph.app.testing.CliRun;
import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cohort builder in a real browser ({@code ui/e2e/cohort-builder.mjs}, issue 16 item 4): a
 * synthetic SNDS extract (seed 42) imported by {@code healthgraph import snds-extract} into two data
 * folders, one served, one for the command line (the server holds its own); the catalog holds the
 * ICD-10 codes of myocardial infarction with their labels (an extract of IR_CIM_V in the test's
 * resources). The analyst builds the MI -> statin cohort with the forms only; the attrition the page
 * shows equals the API's answer for the exported definition and that of
 * {@code healthgraph cohort --query FILE} run on the exported file; the definition is saved twice and
 * reopened after a reload. Screenshots in {@code ui/target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CohortBuilderWebIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTRITION_LINE = Pattern.compile("^  (\\d+)\\. (.*?) +(<suppressed>|\\d+~?)$");
    private static final int PATIENTS = 1500;

    private static Path commandData;

    @DynamicPropertySource
    static void importTheExtractTwice(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("healthgraph-cohort-builder-it-");
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(42).generate(PATIENTS, extract);
        commandData = dir.resolve("command");
        Path served = dir.resolve("served");
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            for (Path data : List.of(commandData, served)) {
                CliRun imported = CliRun.of("import", "snds-extract", extract.toString(), "--data-dir", data.toString());
                assertThat(imported.exit()).as(imported.err()).isZero();
            }
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
        registry.add("healthgraph.data-dir", served::toString);
    }

    /** The ICD-10 codes of myocardial infarction with their labels, in the graph and in the search index. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Icd10Labels {

        @Bean(destroyMethod = "close")
        @Primary
        SearchIndex cohortBuilderSearchIndex(GraphStore store, CatalogWriter writer) throws IOException, URISyntaxException {
            Catalog catalog = Catalogs.reader(store);
            Path tree = Path.of(CohortBuilderWebIT.class.getResource("/cohort-builder").toURI());
            ImportReport report = new TableSchemaImporter(catalog, Catalogs.writer(store)).importTree(tree, ImportProgress.NONE);
            assertThat(report.filesFailed()).as("import of the IR_CIM_V extract: %s", report.problems()).isZero();
            SearchIndex index = SearchIndex.inMemory();
            CatalogDocuments.reindex(catalog, index);
            writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
            return index;
        }
    }

    @Autowired
    Environment environment;
    @Autowired
    CohortService cohorts;
    @Autowired
    CohortDefinitionStore definitions;

    @Test
    void theMiStatinCohortBuiltWithTheFormsGivesTheApisAndTheCommandsAttritionAndIsSavedAndReopened() throws Exception {
        BrowserScript.requireChromium();
        cohorts.awaitReady();
        Path screenshots = BrowserScript.screenshots();
        Files.deleteIfExists(screenshots.resolve("cohort-builder-definition.json"));
        Files.deleteIfExists(screenshots.resolve("cohort-builder-opened.json"));
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("cohort-builder.mjs", url);

        assertThat(run.exitCode()).as("cohort-builder.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("picker: \"I21\" suggests \"", "Infarctus aigu du myocarde", "picker: \"répétition\" suggests \"",
                "form: built the example \"infarctus-statine\" with the form only", "pathways: ", "fin du parcours",
                "exports: ", "json: an edit of maxDays to 60 shows in the form", "saved: Enregistrée : IDM puis statine, version 2",
                "opened: after a reload, the list offers v2, v1; version 1 opened with 2 rules",
                "network: no request to anything but the application", "COHORT BUILDER OK");

        List<String> shown = List.of(line(run.output(), "attrition shown: ").split(" \\| "));
        Path exported = screenshots.resolve("cohort-builder-definition.json");
        String definition = Files.readString(exported);
        assertThat(definition).contains("\"prefix\": \"I21\"", "\"prefix\": \"C10AA\"");
        ObjectNode input = (ObjectNode) JSON.readTree(definition);
        input.remove("version");
        JsonNode answer = JSON.readTree(new LocalHttp(environment).as("analyste").post("/graphql", JSON.writeValueAsString(Map.of(
                "query", "query($q: CohortQuery!) { cohort(query: $q) { attrition { step patients { value suppressed } } } }",
                "variables", Map.of("q", input)))).body());
        assertThat(answer.has("errors")).as("%s", answer).isFalse();
        List<String> byApi = new ArrayList<>();
        answer.path("data").path("cohort").path("attrition").forEach(s -> byApi.add(s.path("step").asInt() + " "
                + (s.path("patients").path("suppressed").asBoolean() ? "suppressed" : s.path("patients").path("value").asString())));

        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        CliRun command;
        try {
            command = CliRun.of("cohort", "--query", exported.toString(), "--data-dir", commandData.toString());
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
        assertThat(command.exit()).as(command.err()).isZero();
        List<String> byCommand = command.out().lines().map(ATTRITION_LINE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(3).replace("<suppressed>", "suppressed")).toList();

        assertThat(shown).as("the page's attrition").hasSize(3).isEqualTo(byApi).isEqualTo(byCommand);
        assertThat(shown.getFirst()).as("the index step finds patients").doesNotEndWith(" 0").doesNotEndWith("suppressed");
        assertThat(definitions.versions("user:analyste", new DefinitionName("IDM puis statine"))).containsExactly(1, 2);
        assertThat(definitions.require("user:analyste", new DefinitionName("IDM puis statine"), OptionalInt.of(1)).json())
                .as("saved as the format's JSON").contains("\"version\" : 1").contains("C10AA")
                .as("an opened definition exports as the text saved").isEqualTo(Files.readString(screenshots.resolve("cohort-builder-opened.json")));
        for (String page : List.of("40-cohorte-formulaire", "41-cohorte-resultats", "42-cohorte-enregistree")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no line \"" + prefix + "\" in:\n" + output));
    }
}

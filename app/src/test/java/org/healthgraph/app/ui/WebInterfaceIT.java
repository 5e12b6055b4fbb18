package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web interface in a real browser: the whole application on a random port with the demo
 * dictionary loaded, driven by {@code ui/e2e/browse.mjs} (playwright-core over Debian's chromium),
 * which searches, follows a hit, opens table, code-list and join-path pages, counts a cohort on a
 * small synthetic population, checks what they show and leaves screenshots in
 * {@code app/target/ui-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebInterfaceIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int POPULATION = 2000;

    @BeforeAll
    static void needsABrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM), "The browser test needs Debian's chromium at " + CHROMIUM
                + " (apt-get install -y chromium); skipped without it");
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("healthgraph-ui-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    /** The demo dictionary in the graph and in a search index that the GraphQL search serves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DemoCatalog {

        @Bean(destroyMethod = "close")
        @Primary
        SearchIndex webInterfaceSearchIndex(GraphStore store) throws IOException {
            Catalog catalog = Catalogs.reader(store);
            Path tree = DemoDictionary.extractTo(Files.createTempDirectory("healthgraph-ui-dictionary-"));
            new TableSchemaImporter(catalog, Catalogs.writer(store)).importTree(tree, ImportProgress.NONE);
            SearchIndex index = SearchIndex.inMemory();
            CatalogDocuments.reindex(catalog, index);
            return index;
        }

        /** A synthetic SNDS-shaped population with myocardial infarctions followed by statins, for the cohort page. */
        @Bean
        SndsExtractGenerator.Summary webInterfacePopulation(JourneyImporter journeys, CohortService cohorts) throws IOException {
            Path extract = Files.createTempDirectory("healthgraph-ui-extract-");
            SndsExtractGenerator.Summary summary = new SndsExtractGenerator(42).generate(POPULATION, extract);
            journeys.importPatients(new SndsExtractImporter().read(extract).patients());
            // The cohort page is opened at once: its index must be ready (while it is built the API answers 503).
            cohorts.awaitReady();
            return summary;
        }
    }

    @Autowired
    Environment environment;

    @Test
    void searchesFollowsAHitAndShowsTableCodeListJoinPathAndCohortPagesInABrowser() throws Exception {
        Path ui = uiFolder();
        Path screenshots = Path.of("target", "ui-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        Result run = node(ui, ui.resolve("e2e/browse.mjs").toString(), url, screenshots.toString(), CHROMIUM.toString());

        assertThat(run.exitCode()).as("browse.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output())
                .contains("search: hits with French kind badges")
                .contains("table page: SEJ_HOS_C")
                .contains("code list page: NOM_CIM")
                .contains("join path: 4 hops")
                .contains("cohort: attrition")
                .contains("E2E OK");
        assertThat(screenshots.resolve("1-recherche.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("2-table.png")).isNotEmptyFile();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result node(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("healthgraph-ui-e2e-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after 120 s)");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The ui module beside this one (tests run in the app module's folder). */
    private static Path uiFolder() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("ui");
            if (Files.isRegularFile(candidate.resolve("e2e/browse.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("ui/e2e/browse.mjs not found above " + Path.of("").toAbsolutePath());
    }
}

package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.app.testing.BrowserScript;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.importers.documentation.DemoDocumentation;
import org.healthgraph.importers.documentation.DocumentationImporter;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documentation in a browser ({@code ui/e2e/docs.mjs}) over the demo dictionary and the demo's
 * documentation pages, imported through the application's own writers (so that its search index
 * hears them): a glossary acronym searched, its document hit opened, a mention followed to a table's
 * page, whose documentation section lists the sections naming it; the glossary by letter and search.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocsWebIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("healthgraph-docs-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    /** What the import wrote, made once the demo's dictionary and pages are in the graph and the index. */
    record DemoPages(ImportReport dictionary, ImportReport documentation) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Pages {

        @Bean
        DemoPages demoPages(Catalog catalog, CatalogWriter writer, DocumentationWriter docs, BatchedIndexing indexing)
                throws IOException {
            ImportReport dictionary = new TableSchemaImporter(catalog, writer)
                    .importTree(DemoDictionary.extractTo(Files.createTempDirectory("healthgraph-docs-dict-")), ImportProgress.NONE);
            ImportReport documentation = new DocumentationImporter(CatalogLookup.of(catalog), docs)
                    .importFolder(DemoDocumentation.extractTo(Files.createTempDirectory("healthgraph-docs-pages-")),
                            ImportProgress.NONE);
            indexing.flush();
            return new DemoPages(dictionary, documentation);
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    DemoPages demo;

    @Test
    void searchesAnAcronymOpensItsPageFollowsAMentionToATableAndBrowsesTheGlossary() throws Exception {
        BrowserScript.requireChromium();
        assertThat(demo.documentation().filesFailed()).as("%s", demo.documentation().problems()).isZero();
        Path screenshots = BrowserScript.screenshots();
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("docs.mjs", url);

        assertThat(run.exitCode()).as("docs.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output())
                .contains("search: \"MCO\" has")
                .contains("glossaire/MCO.md passage")
                .contains("document: #/doc/glossaire/MCO")
                .contains("table: #/table/SEJ_HOS_C lists")
                .contains("glossary: letter C lists")
                .contains("network: no request to anything but the application")
                .contains("E2E OK");
        for (String page : List.of("40-doc-recherche", "41-doc-page", "42-doc-table", "43-glossaire")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }
}

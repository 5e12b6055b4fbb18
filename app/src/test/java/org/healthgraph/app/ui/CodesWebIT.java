package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.healthgraph.app.testing.BrowserScript;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
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
 * Reaching a code of the real ICD-10 list in a browser ({@code ui/e2e/codes.mjs}): the demo dictionary
 * plus, from the SNDS dictionary (../shared/schema-snds; the test is skipped without it), the code list
 * IR_CIM_V (18,334 codes) and the table IR_IMB_R that it codes, not the whole dictionary (about
 * 415,000 codes, minutes to import and index). The code is found from the search box and from the
 * list's filter, a deep link opens on its page, and its page leads to a child.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CodesWebIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("healthgraph-codes-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    /** The SNDS dictionary beside the project, if it is there. */
    static Optional<Path> schemaSnds() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("schema-snds");
            if (Files.isRegularFile(candidate.resolve("nomenclatures/ORAVAL/IR_CIM_V.csv"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The demo dictionary and the ICD-10 list with a table it codes, in the graph and in the search index. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Icd10Catalog {

        @Bean(destroyMethod = "close")
        @Primary
        SearchIndex codesSearchIndex(GraphStore store, CatalogWriter writer) throws IOException {
            Catalog catalog = Catalogs.reader(store);
            TableSchemaImporter importer = new TableSchemaImporter(catalog, Catalogs.writer(store));
            importer.importTree(DemoDictionary.extractTo(Files.createTempDirectory("healthgraph-codes-demo-")), ImportProgress.NONE);
            Optional<Path> snds = schemaSnds();
            if (snds.isPresent()) {
                Path tree = Files.createTempDirectory("healthgraph-codes-snds-");
                Path lists = Files.createDirectories(tree.resolve("nomenclatures/ORAVAL"));
                for (String file : List.of("IR_CIM_V.json", "IR_CIM_V.csv")) {
                    Files.copy(snds.get().resolve("nomenclatures/ORAVAL").resolve(file), lists.resolve(file));
                }
                Path tables = Files.createDirectories(tree.resolve("schemas/DCIR_DCIRS"));
                Files.copy(snds.get().resolve("schemas/DCIR_DCIRS/IR_IMB_R.json"), tables.resolve("IR_IMB_R.json"));
                ImportReport report = importer.importTree(tree, ImportProgress.NONE);
                assertThat(report.filesFailed()).as("import of IR_CIM_V and IR_IMB_R: %s", report.problems()).isZero();
            }
            SearchIndex index = SearchIndex.inMemory();
            CatalogDocuments.reindex(catalog, index);
            writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
            return index;
        }
    }

    @Autowired
    Environment environment;

    @Test
    void findsI21OnTheIcd10ListFromTheSearchBoxAndTheListFilterOpensItsPageAndGoesToAChild() throws Exception {
        BrowserScript.requireChromium();
        assumeTrue(schemaSnds().isPresent(), "../shared/schema-snds is absent: the ICD-10 browser test is skipped");
        Path screenshots = BrowserScript.screenshots();
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("codes.mjs", url);

        assertThat(run.exitCode()).as("codes.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output())
                .contains("search: \"I21\" lists IR_CIM_V:I21 at rank")
                .contains("opens #/code/IR_CIM_V/I21")
                .contains("code page: I21 has children I210, I211, I212, I213, I214, I219")
                .contains("child: #/code/IR_CIM_V/I210")
                .contains("\"i21\" shows I21, I210")
                .contains("deep link: ?code=I21 opens on I21")
                .contains("network: no request to anything but the application")
                .contains("E2E OK");
        for (String page : List.of("30-codes-filtre", "31-codes-lien", "32-code", "33-code-enfant")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }
}

package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.app.testing.BrowserScript;
import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.EntityEdit;
import org.healthgraph.catalog.curation.EntityRef;
import org.healthgraph.catalog.curation.ImportConflict;
import org.healthgraph.catalog.curation.Proposal;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
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
 * The web interface in a real browser: the whole application on a random port with the demo
 * dictionary loaded (then loaded again with one variable changed, so that it has a history), driven
 * by {@code ui/e2e/browse.mjs} (playwright-core over Debian's chromium) with every request outside
 * the application refused. It opens a table from the home page and follows the join graph to
 * another, reopens a page from its share link, searches, filters the table explorer, draws a join
 * path with its SQL, shows a variable's history, downloads a code list as CSV, counts a cohort on a
 * small synthetic population, switches to English and runs a query in the bundled GraphiQL; it
 * leaves screenshots of each page at 1400 and 800 px in {@code ui/target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebInterfaceIT {

    private static final int POPULATION = 2000;
    private static final String RULE = "Date du décès transmise par l'INSEE";
    private static final String CURATED_SEX = "Sexe du patient (1 : masculin, 2 : féminin)";
    private static final String IMPORTED_SEX = "Sexe du patient (code INSEE)";

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
        SearchIndex webInterfaceSearchIndex(GraphStore store, CatalogWriter writer) throws IOException {
            Catalog catalog = Catalogs.reader(store);
            Path tree = DemoDictionary.extractTo(Files.createTempDirectory("healthgraph-ui-dictionary-"));
            TableSchemaImporter importer = new TableSchemaImporter(catalog, Catalogs.writer(store));
            importer.importTree(tree, ImportProgress.NONE);
            importer.importTree(secondEdition(tree), ImportProgress.NONE);
            SearchIndex index = SearchIndex.inMemory();
            CatalogDocuments.reindex(catalog, index);
            // approvals go through the application's writer: the index hears them, as the application's own does
            writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
            return index;
        }

        /**
         * An import conflict for the curation pages: stewards curate the sex's description, then the
         * dictionary is imported again; the import keeps the curated text and records its own value.
         */
        @Bean
        CuratedThenImported webInterfaceImportConflict(Curation curation, GraphStore store, SearchIndex imported) throws IOException {
            EntityRef sex = EntityRef.of(EntryKind.VARIABLE, "PAT_IDT_R.PAT_SEX_COD");
            Proposal proposal = curation.propose("user:gestionnaire", "Codes du sexe",
                    List.of(EntityEdit.of(sex).withDescription(CURATED_SEX)));
            curation.approve(proposal.id(), "user:relecteur", "Conforme au dictionnaire");
            // A third edition brings a new description of the sex too: the curated one stays.
            Path tree = secondEdition(DemoDictionary.extractTo(Files.createTempDirectory("healthgraph-ui-dictionary-")));
            Path patients = tree.resolve("schemas/PATIENTS/PAT_IDT_R.json");
            Files.writeString(patients, Files.readString(patients, StandardCharsets.UTF_8).replace(
                    "\"description\": \"Sexe du patient\"", "\"description\": \"" + IMPORTED_SEX + "\""), StandardCharsets.UTF_8);
            new TableSchemaImporter(Catalogs.reader(store), Catalogs.writer(store)).importTree(tree, ImportProgress.NONE);
            return new CuratedThenImported(curation.importConflicts());
        }

        /** A synthetic SNDS-shaped population with myocardial infarctions followed by statins, for the cohort page. */
        @Bean
        SndsExtractGenerator.Summary webInterfacePopulation(JourneyImporter journeys, CohortService cohorts) throws IOException {
            Path extract = Files.createTempDirectory("healthgraph-ui-extract-");
            SndsExtractGenerator.Summary summary = new SndsExtractGenerator(42).generate(POPULATION, extract);
            // into a project, which the cohort page offers as its population
            journeys.importPatients(new SndsExtractImporter().read(extract).patients().stream()
                    .map(p -> p.inProjects(java.util.Set.of(new org.healthgraph.journeys.ProjectCode("demo")))).toList());
            // The cohort page is opened at once: its index must be ready (while it is built the API answers 503).
            cohorts.awaitReady();
            return summary;
        }
    }

    /**
     * The dictionary's second edition: the date of death gets a new description and a management
     * rule, which the variable page shows as its history.
     */
    private static Path secondEdition(Path tree) throws IOException {
        Path patients = tree.resolve("schemas/PATIENTS/PAT_IDT_R.json");
        String edited = Files.readString(patients, StandardCharsets.UTF_8)
                .replace("\"description\": \"Date de décès du patient\"", "\"description\": \"Date de décès du patient (état civil)\"")
                .replace("\"observation\": \"Vide si le patient est vivant\", \"regle_gestion\": \"\"",
                        "\"observation\": \"Vide si le patient est vivant\", \"regle_gestion\": \"" + RULE + "\"");
        Files.writeString(patients, edited, StandardCharsets.UTF_8);
        return tree;
    }

    @Autowired
    Environment environment;

    @Autowired
    CuratedThenImported curatedThenImported;

    /** The import conflicts recorded once the test's catalog was loaded. */
    record CuratedThenImported(List<ImportConflict> conflicts) {
    }

    @Test
    void browsesTheCatalogFollowsTheJoinGraphSharesPagesAndRunsGraphiqlWithNoNetworkInABrowser() throws Exception {
        BrowserScript.requireChromium();
        Path screenshots = BrowserScript.screenshots();
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("browse.mjs", url);

        assertThat(run.exitCode()).as("browse.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output())
                .contains("home: products PATIENTS, SEJOURS, SOINS_VILLE")
                .contains("search: hits with French kind badges")
                .contains("table page: SEJ_HOS_C")
                .contains("join graph: a click on PAT_IDT_R in the graph of SEJ_HOS_C opened PAT_IDT_R")
                .contains("share link: " + url + "#/table/PAT_IDT_R?depth=2 reopens")
                .contains("lower case: #/table/sej_dia_d opened SEJ_DIA_D")
                .contains("join path: 4 hops")
                .contains("unknown table: \"La table « TABLE_INCONNUE » n’existe pas dans le catalogue.\"")
                .contains("rule \"" + RULE + "\"")
                .contains("curation history: ")
                .contains("review queue refused: ")
                .contains("code list CSV: NOM_CIM.csv with")
                .contains("login: a wrong password refused, then \"chercheur (chercheur)\" logged in")
                .contains("cohort: attrition")
                .contains("English: ")
                .contains("graphiql offline: ")
                .contains("network: no request to anything but the application")
                .contains("E2E OK");
        for (String page : List.of("01-accueil", "02-recherche", "03-table", "04-tables", "05-jointure", "06-variable",
                "06b-historique", "07-nomenclature", "08-cohorte", "09-english", "10-graphiql", "11-connexion")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }

    @Test
    void twoStewardsEditInPlaceReviewWithTheDiffAndSeeTheApprovedTextEscapedInABrowser() throws Exception {
        BrowserScript.requireChromium();
        assertThat(curatedThenImported.conflicts()).as("the import conflict the page lists").singleElement()
                .satisfies(c -> assertThat(c.importedValue()).isEqualTo(IMPORTED_SEX));
        Path screenshots = BrowserScript.screenshots();
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("curate.mjs", url);

        assertThat(run.exitCode()).as("curate.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output())
                .contains("reader: PAT_IDT_R.PAT_NAI_ANN \"Année de naissance du patient\" without an edit control")
                .contains("edit in place: PAT_IDT_R.PAT_NAI_ANN at version 0")
                .contains("bulk change: \"2 variables dans une proposition.")
                .contains("join proposal: \"Proposition enregistrée")
                .contains("join removal proposed: SEJ_HOS_C(PAT_IDT)->PAT_IDT_R(PAT_IDT)")
                .contains("import conflicts: 1 (PAT_IDT_R.PAT_SEX_COD description " + CURATED_SEX + " " + IMPORTED_SEX + " ")
                .contains("own proposal: not offered for approval")
                .contains("review queue: ")
                .contains("approved, ")
                .contains("variable page after approval: \"Année de naissance <b>recoupée</b>")
                .contains("search after approval: \"recoupée\" finds Variable PAT_IDT_R.PAT_NAI_ANN Année de naissance <b>recoupé")
                .contains("stale version: \"Conflit : l’entrée a changé")
                .contains("too long description: \"Proposition refusée")
                .contains("CURATION E2E OK");
        for (String page : List.of("12-modification", "13-table-modification", "14-conflits", "15-relecture", "16-relecture-faite",
                "17-variable-modifiee", "18-historique-revision", "19-conflit-version")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }

    @Test
    void servesTheBundledExplorerAtGraphiqlAndCodeListsAsCsvWithOneStatusPerErrorKind() {
        LocalHttp http = new LocalHttp(environment);

        HttpResponse<String> explorer = http.get("/graphiql");
        HttpResponse<String> page = http.get("/graphiql.html");
        HttpResponse<String> csv = http.get("/export/nomenclature/NOM_CIM.csv");
        HttpResponse<String> unknown = http.get("/export/nomenclature/NOM_ABSENT.csv");
        HttpResponse<String> invalid = http.get("/export/nomenclature/NOM%20CIM.csv");

        assertThat(explorer.statusCode()).isEqualTo(302);
        assertThat(explorer.headers().firstValue("Location")).contains("graphiql.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self';").contains("style-src 'self' 'unsafe-inline';").contains("font-src 'self' data:;"));
        assertThat(http.get("/").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("style-src 'self';").doesNotContain("unsafe-inline"));
        // the page and its scripts come from the application itself, nothing from a CDN
        assertThat(page.body()).contains("<script type=\"module\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("NOM_CIM.csv");
        assertThat(csv.body()).startsWith("CIM_COD;CIM_LIB;CIM_CHAP\n").contains("\nI21;Infarctus aigu du myocarde;IX\n");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("NOM_ABSENT");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("code list name 'NOM CIM'");
    }



}

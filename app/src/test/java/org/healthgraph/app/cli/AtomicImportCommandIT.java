package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --atomic} through the real command line (picocli in-process, the command's own Spring
 * context, the embedded database of a fresh data folder), not only the importer below it
 * ({@code AtomicTableSchemaImportTest}): a run with one bad file writes nothing, neither in the graph
 * nor in the search index, and exits 1; the same run without {@code --atomic} imports the good files.
 */
class AtomicImportCommandIT {

    @BeforeAll
    static void schemaFromEveryRoot() {
        // As CatalogCommandsIT: app's test resources hold a schema file that would shadow graphql's.
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("spring.graphql.schema.locations");
    }

    /** The demo dictionary (5 tables) with one broken Table Schema file among them. */
    private static Path treeWithOneBadFile(Path dir) throws IOException {
        Path tree = DemoDictionary.extractTo(dir.resolve("dictionary"));
        Files.writeString(tree.resolve("schemas").resolve("SEJOURS").resolve("SEJ_BAD_X.json"),
                "{\"name\": \"SEJ_BAD_X\", \"fields\": [ {\"name\": \"A\", \"type\": \"string\"} ");
        return tree;
    }

    private static CatalogStats statsOf(Path data) {
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(data))) {
            return Catalogs.reader(store).stats();
        }
    }

    private static int searchDocumentsOf(Path data) {
        try (SearchIndex index = SearchIndex.open(data.resolve("search"))) {
            return index.size();
        }
    }

    @Test
    void tableSchemaAtomicWithOneBadFileWritesNothingAndExits1WhereTheDefaultRunImportsTheOthers(@TempDir Path dir)
            throws IOException {
        Path tree = treeWithOneBadFile(dir);
        Path atomicData = dir.resolve("atomic");
        Path defaultData = dir.resolve("default");

        CliRun atomic = InProcessCli.run("import", "table-schema", tree.toString(), "--atomic", "--data-dir",
                atomicData.toString(), "--no-progress");
        CliRun plain = InProcessCli.run("import", "table-schema", tree.toString(), "--data-dir", defaultData.toString(),
                "--no-progress");

        assertThat(atomic.exit()).as(atomic.err()).isEqualTo(1);
        assertThat(atomic.out() + atomic.err()).contains("--atomic: nothing imported").contains("SEJ_BAD_X.json");
        CatalogStats nothing = statsOf(atomicData);
        assertThat(nothing.tables() + nothing.variables() + nothing.nomenclatures() + nothing.codes() + nothing.datasets())
                .as("nothing written in the graph").isZero();
        assertThat(searchDocumentsOf(atomicData)).as("nothing in the search index").isZero();

        assertThat(plain.exit()).as(plain.err()).isEqualTo(1);
        assertThat(statsOf(defaultData).tables()).as("without --atomic the good files are imported").isEqualTo(5);
        assertThat(searchDocumentsOf(defaultData)).isPositive();
    }

    @Test
    void csvDictionaryAtomicWithOneBadRowWritesNothingAndExits1WhereTheDefaultRunImportsTheOtherRows(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("dictionnaire.csv");
        Files.writeString(csv, "dataset;table;variable;description;type;code list\n"
                + "ENQUETE;ENQ_IND_R;IND_ID;Identifiant de l'individu;string;\n"
                + "ENQUETE;ENQ_IND_R;IND_AGE;Âge;integer;\n"
                + "ENQUETE;ENQ_IND_R;IND_SEX;Sexe;integer;NOM_SEX;de trop\n");
        Path atomicData = dir.resolve("atomic");
        Path defaultData = dir.resolve("default");

        CliRun atomic = InProcessCli.run("import", "csv-dictionary", csv.toString(), "--atomic", "--data-dir",
                atomicData.toString());
        CliRun plain = InProcessCli.run("import", "csv-dictionary", csv.toString(), "--data-dir", defaultData.toString());

        assertThat(atomic.exit()).as(atomic.err()).isEqualTo(1);
        assertThat(atomic.err()).contains("dictionnaire.csv (line 4)");
        CatalogStats nothing = statsOf(atomicData);
        assertThat(nothing.tables() + nothing.variables() + nothing.datasets()).as("nothing written in the graph").isZero();
        assertThat(searchDocumentsOf(atomicData)).as("nothing in the search index").isZero();

        assertThat(plain.exit()).as(plain.err()).isEqualTo(1);
        assertThat(statsOf(defaultData).variables()).as("without --atomic the good rows are imported").isEqualTo(2);
    }
}

package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code import table-schema}, {@code import csv-dictionary} and {@code export dcat} on one data folder. */
class CatalogCommandsIT {

    private static CliRun run(String... args) {
        return InProcessCli.run(args);
    }

    @Test
    void importsTheDemoDictionaryThenAFaultyThenACorrectedCsvDictionaryThenExportsDcat(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path tree = DemoDictionary.extractTo(dir.resolve("dictionary"));
        Path csv = dir.resolve("dictionnaire.csv");
        Files.writeString(csv, "dataset;table;variable;description;type;code list\n"
                + "ENQUETE;ENQ_IND_R;IND_ID;Identifiant de l'individu;string;\n"
                + "ENQUETE;ENQ_IND_R;IND_SEX;Sexe;integer;NOM_SEX;de trop\n");
        Path clean = dir.resolve("dictionnaire-corrige.csv");
        Files.writeString(clean, "dataset;table;variable;description;type;code list\n"
                + "ENQUETE;ENQ_IND_R;IND_ID;Identifiant de l'individu;string;\n"
                + "ENQUETE;ENQ_IND_R;IND_SEX;Sexe;integer;NOM_SEX\n");
        Path ttl = dir.resolve("catalog.ttl");

        // The test classpath holds a test-only schema file (app's test resources) that would otherwise shadow the
        // graphql module's files under "classpath:graphql/": look in every root.
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        CliRun imported = run("import", "table-schema", tree.toString(), "--data-dir", data.toString(), "--no-progress");
        CliRun faulty = run("import", "csv-dictionary", csv.toString(), "--data-dir", data.toString());
        CliRun lenient = run("import", "csv-dictionary", csv.toString(), "--data-dir", data.toString(), "--lenient");
        CliRun corrected = run("import", "csv-dictionary", clean.toString(), "--data-dir", data.toString());
        CliRun exported = run("export", "dcat", "--format", "turtle", "-o", ttl.toString(), "--data-dir", data.toString());
        System.clearProperty("spring.graphql.schema.locations");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Files read: 10, imported: 10");
        assertThat(faulty.exit()).isEqualTo(1);
        assertThat(faulty.err()).contains("dictionnaire.csv (line 3)").contains("7 columns where the header has 6");
        assertThat(faulty.out()).contains("1 line with the wrong number of columns");
        // --lenient: the same line reported, the rest imported, exit 0
        assertThat(lenient.exit()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("dictionnaire.csv (line 3)");
        assertThat(lenient.out()).contains("1 line with the wrong number of columns").contains("--lenient");
        // nothing failed: exit 0
        assertThat(corrected.exit()).as(corrected.err()).isZero();
        assertThat(corrected.out()).contains("Problems: 0 error(s), 0 warning(s)");
        assertThat(exported.exit()).as(exported.err()).isZero();
        Model model;
        try (InputStream in = Files.newInputStream(ttl)) {
            model = Rio.parse(in, "", RDFFormat.TURTLE);
        }
        assertThat(model.filter(null, RDF.TYPE, DCAT.DATASET).subjects()).hasSize(4);
    }

    @Test
    void aCsvDictionaryImportedIntoAFreshFolderBuildsTheSearchIndexOnceAtTheEndAsReindexWould(@TempDir Path dir)
            throws IOException {
        Path data = dir.resolve("data");
        Path csv = dir.resolve("dictionnaire.csv");
        Files.writeString(csv, "dataset;table;variable;description;type;code list\n"
                + "ENQUETE;ENQ_IND_R;IND_ID;Identifiant de l'individu;string;\n"
                + "ENQUETE;ENQ_IND_R;IND_SEX;Sexe de l'enquêté;integer;\n");
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        CliRun imported = run("import", "csv-dictionary", csv.toString(), "--data-dir", data.toString());
        CliRun found = run("search", "enquêté", "--data-dir", data.toString());
        CliRun reindexed = run("reindex", "--data-dir", data.toString());
        CliRun foundAfterReindex = run("search", "enquêté", "--data-dir", data.toString());
        System.clearProperty("spring.graphql.schema.locations");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Search index built: ");
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.out()).contains("IND_SEX");
        assertThat(reindexed.exit()).as(reindexed.err()).isZero();
        assertThat(foundAfterReindex.out()).isEqualTo(found.out());
    }

    @Test
    void anImportOverAnEmptySearchIndexBuildsItFromTheWholeGraphEvenWhenEveryFileIsUnchanged(@TempDir Path dir)
            throws IOException {
        Path data = dir.resolve("data");
        Path tree = DemoDictionary.extractTo(dir.resolve("dictionary"));
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        CliRun first = run("import", "table-schema", tree.toString(), "--data-dir", data.toString(), "--no-progress");
        CliRun foundAfterFirst = run("search", "infarctus", "--data-dir", data.toString());
        // An import stopped after its writes and before its index was built leaves the graph full and the index
        // empty: the next import finds every file unchanged, and must still leave every entry searchable.
        try (Stream<Path> walk = Files.walk(data.resolve("search"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        CliRun again = run("import", "table-schema", tree.toString(), "--data-dir", data.toString(), "--no-progress");
        CliRun foundAfterAgain = run("search", "infarctus", "--data-dir", data.toString());
        System.clearProperty("spring.graphql.schema.locations");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Search index built: ");
        assertThat(foundAfterFirst.out()).as(foundAfterFirst.err()).contains("Infarctus aigu du myocarde");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("imported: 10 (unchanged: 10)").contains("Search index built: ");
        assertThat(foundAfterAgain.exit()).as(foundAfterAgain.err()).isZero();
        assertThat(foundAfterAgain.out()).isEqualTo(foundAfterFirst.out());
    }
}

package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
}

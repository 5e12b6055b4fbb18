package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code import table-schema}, {@code import csv-dictionary} and {@code export dcat} on one data folder. */
class CatalogCommandsIT {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HealthgraphCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importsTheDemoDictionaryThenAFaultyCsvDictionaryThenExportsDcat(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path tree = DemoDictionary.extractTo(dir.resolve("dictionary"));
        Path csv = dir.resolve("dictionnaire.csv");
        Files.writeString(csv, "dataset;table;variable;description;type;code list\n"
                + "ENQUETE;ENQ_IND_R;IND_ID;Identifiant de l'individu;string;\n"
                + "ENQUETE;ENQ_IND_R;IND_SEX;Sexe;integer;NOM_SEX;de trop\n");
        Path ttl = dir.resolve("catalog.ttl");

        Run imported = run("import", "table-schema", tree.toString(), "--data-dir", data.toString(), "--no-progress");
        Run faulty = run("import", "csv-dictionary", csv.toString(), "--data-dir", data.toString());
        Run exported = run("export", "dcat", "--format", "turtle", "-o", ttl.toString(), "--data-dir", data.toString());

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Files read: 15, imported: 15");
        assertThat(faulty.code()).isEqualTo(1);
        assertThat(faulty.err()).contains("dictionnaire.csv (line 3)").contains("7 columns where the header has 6");
        assertThat(faulty.out()).contains("1 line with the wrong number of columns");
        assertThat(exported.code()).as(exported.err()).isZero();
        Model model;
        try (InputStream in = Files.newInputStream(ttl)) {
            model = Rio.parse(in, "", RDFFormat.TURTLE);
        }
        assertThat(model.filter(null, RDF.TYPE, DCAT.DATASET).subjects()).hasSize(4);
    }
}

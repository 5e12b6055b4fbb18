package org.healthgraph.importers.csvdictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.healthgraph.importers.InputTree;
import org.healthgraph.importers.TextLimits;

class CsvDictionaryImporterIT {

    private static Catalog catalog;
    private static CatalogWriter writer;
    private static CsvDictionaryImporter importer;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        catalog = Catalogs.reader(SharedNeo4j.store());
        writer = Catalogs.writer(SharedNeo4j.store());
        writer.ensureSchema();
        importer = new CsvDictionaryImporter(catalog, writer);
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("dictionnaire.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String codeList(String p) {
        NomenclatureName name = NomenclatureName.of(p + "_SEXE");
        writer.write(CatalogUnit.of("test").withNomenclatures(List.of(new Nomenclature(name, "Sexe", "TEST",
                List.of(new NomenclatureColumn("COD", "", ColumnRole.CODE)), List.of("COD"))))
                .withCodes(List.of(new Code(new CodeRef(name, "1"), "Homme", Map.of("COD", "1")))));
        return name.value();
    }

    @Test
    void aDescriptionOverTheLengthLimitLeavesItsVariableOutAndTheOthersIn() throws IOException {
        String p = SharedNeo4j.uniqueKey("CSV");
        Path file = file("""
                Nom;Table;Produit;Libellé;Type;Nomenclature
                %1$s_ID;%1$s_T;ENQUETE %1$s;Identifiant de l'enquêté;string;
                %1$s_BIG;%1$s_T;ENQUETE %1$s;%2$s;string;
                """.formatted(p, "secret ".repeat(300_000)));

        ImportReport report = new CsvDictionaryImporter(catalog, writer, new TextLimits(100_000, 1_000))
                .importFile(file, ImportProgress.NONE);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("dictionnaire.csv");
            assertThat(problem.where()).isEqualTo("variable " + p + "_T." + p + "_BIG, description");
            assertThat(problem.reason()).contains("characters, more than the 100000 allowed", "healthgraph.imports.max-text-length")
                    .doesNotContain("secret");
        });
        assertThat(report.filesImported()).isEqualTo(1);
        assertThat(catalog.variable(VariableRef.of(p + "_T", p + "_BIG"))).isEmpty();
        assertThat(catalog.variable(VariableRef.of(p + "_T", p + "_ID"))).isPresent();
    }

    @Test
    void importsOneVariableARowWithFrenchHeadersInAnyOrder() throws IOException {
        String p = SharedNeo4j.uniqueKey("CSV");
        String list = codeList(p);
        Path file = file("""
                Nom;Table;Produit;Libellé;Type;Nomenclature
                %1$s_ID;%1$s_T;ENQUETE %1$s;Identifiant de l'enquêté;string;
                %1$s_SEXE;%1$s_T;ENQUETE %1$s;Sexe déclaré;integer;%2$s
                """.formatted(p, list));

        ImportReport report = importer.importFile(file, ImportProgress.NONE);

        assertThat(report.hasErrors()).as(report.problems().toString()).isFalse();
        assertThat(catalog.tables("ENQUETE " + p)).extracting(t -> t.name().value()).containsExactly(p + "_T");
        assertThat(catalog.variables(TableName.of(p + "_T"))).extracting(v -> v.ref().name())
                .containsExactly(p + "_ID", p + "_SEXE");
        assertThat(catalog.variable(VariableRef.of(p + "_T", p + "_SEXE")).orElseThrow().codedBy()).isPresent();
        assertThat(catalog.variablesCodedBy(NomenclatureName.of(list))).hasSize(1);
    }

    @Test
    void reportsBadLinesWithTheirNumberAndImportsTheOthers() throws IOException {
        String p = SharedNeo4j.uniqueKey("CSV");
        Path file = file("""
                dataset,table,variable,description,type,code list
                D_%1$s,%1$s_T,A,Première,string,
                D_%1$s,%1$s_T,B,Trop de colonnes,string,,x
                D_%1$s,%1$s_T,C.D,Nom interdit,string,
                D_%1$s,%1$s_T,A,Répétée,string,
                D_%1$s,%1$s_T,E,Liste inconnue,string,%1$s_INCONNUE
                AUTRE_%1$s,%1$s_T,F,Autre produit,string,
                """.formatted(p));

        ImportReport report = importer.importFile(file, ImportProgress.NONE);

        assertThat(report.hasErrors()).isTrue();
        assertThat(report.filesImported()).isEqualTo(1);
        assertThat(report.problems()).extracting(ImportProblem::where)
                .containsExactly("line 3", "line 4", "line 5", "line 6", "line 7");
        assertThat(report.totalRowsSkipped()).isEqualTo(4);
        assertThat(catalog.variables(TableName.of(p + "_T"))).extracting(v -> v.ref().name()).containsExactly("A", "E");
        assertThat(catalog.variable(VariableRef.of(p + "_T", "E")).orElseThrow().codedBy()).isEqualTo(Optional.empty());
    }

    @Test
    void failsTheWholeFileWhenTheHeaderLacksATableColumn() throws IOException {
        Path file = file("dataset;variable;description\nD;A;Rien\n");

        ImportReport report = importer.importFile(file, ImportProgress.NONE);

        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("line 1");
            assertThat(p.reason()).contains("no 'table' column");
        });
    }

    @Test
    void aFileThatIsNoDictionaryIsRefusedWithoutItsFirstLine() throws IOException {
        Path file = file("root:x:0:0:root:/root:/bin/bash\n");

        ImportReport report = importer.importFile(file, ImportProgress.NONE);

        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("no 'dataset' column").contains("it has 1 column(s)");
            assertThat(p.toString()).doesNotContain("root");
        });
    }

    @Test
    void aSymbolicLinkToAFileOutsideItsFolderIsRefusedUnread(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path link = Files.createSymbolicLink(dir.resolve("dictionary.csv"), secret);

        ImportReport report = importer.importFile(link, ImportProgress.NONE);

        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("symbolic link that leads outside the folder").contains(InputTree.RULE);
            assertThat(p.toString()).doesNotContain("root");
        });
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() throws IOException {
        String p = SharedNeo4j.uniqueKey("CSV");
        Path file = file("dataset;table;variable;description;type;code list\nD_%1$s;%1$s_T;A;Une;string;\n".formatted(p));
        importer.importFile(file, ImportProgress.NONE);

        ImportReport again = importer.importFile(file, ImportProgress.NONE);

        assertThat(again.filesUnchanged()).isEqualTo(1);
        assertThat(again.created()).isZero();
    }
}

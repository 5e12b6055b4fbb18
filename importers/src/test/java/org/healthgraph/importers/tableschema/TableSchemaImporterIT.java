package org.healthgraph.importers.tableschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.JoinPath;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.importers.TextLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSchemaImporterIT {

    private static Catalog catalog;
    private static CatalogWriter writer;
    private static TableSchemaImporter importer;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        catalog = Catalogs.reader(SharedNeo4j.store());
        writer = Catalogs.writer(SharedNeo4j.store());
        importer = new TableSchemaImporter(catalog, writer);
    }

    private FixtureTree tree() {
        return new FixtureTree(dir, SharedNeo4j.uniqueKey("F"));
    }

    @Test
    void importsTheDemoDictionary() {
        ImportReport report = importer.importTree(DemoDictionary.extractTo(dir), ImportProgress.NONE);

        assertThat(report.hasErrors()).as(report.problems().toString()).isFalse();
        assertThat(catalog.tables("SOINS_VILLE")).extracting(t -> t.name().value()).containsExactly("SV_ACT_F", "SV_MED_F");
        assertThat(catalog.variable(VariableRef.of("PAT_IDT_R", "PAT_RES_DPT")).orElseThrow().codedBy())
                .contains(new CodedBy(NomenclatureName.of("NOM_DPT"), Optional.of("DPT_COD")));
        assertThat(catalog.code(CodeRef.of("NOM_CIM", "I21")).orElseThrow().label()).isEqualTo("Infarctus aigu du myocarde");
        JoinPath path = catalog.joinPaths(TableName.of("SV_MED_F"), TableName.of("PAT_IDT_R"), 4).paths().getFirst();
        assertThat(path.tables()).extracting(TableName::value).containsExactly("SV_MED_F", "SV_ACT_F", "PAT_IDT_R");
    }

    @Test
    void importsAGoodTreeWithItsCodesVariablesAndJoins() {
        FixtureTree t = tree().writeGood("Identifiant");

        ImportReport report = importer.importTree(dir, ImportProgress.NONE);

        assertThat(report.hasErrors()).as(report.problems().toString()).isFalse();
        assertThat(report.filesRead()).isEqualTo(4);
        assertThat(report.filesImported()).isEqualTo(4);
        assertThat(catalog.variables(TableName.of(t.p + "_A"))).extracting(v -> v.ref().name())
                .containsExactly("ID", "RNG", "SEX");
        assertThat(catalog.variablesCodedBy(NomenclatureName.of(t.p + "_SEX")))
                .containsExactly(VariableRef.of(t.p + "_A", "SEX"));
        assertThat(catalog.codes(NomenclatureName.of(t.p + "_SEX"), 10, Optional.empty()).totalCount()).isEqualTo(3);
        JoinPath path = catalog.joinPaths(TableName.of(t.p + "_C"), TableName.of(t.p + "_A"), 3).paths().getFirst();
        assertThat(path.hops().get(0).keys()).containsExactly(new KeyPair("C_ID", "B_ID"));
        assertThat(path.hops().get(1).keys()).containsExactly(new KeyPair("B_ID", "ID"), new KeyPair("B_RNG", "RNG"));
    }

    @Test
    void aDescriptionOverTheLengthLimitLeavesItsVariableOutAndIsReportedWithoutItsText() {
        // the finding: a 50 MB description was imported; 2 MB of one repeated word stands for it here
        String huge = "lorem ".repeat(350_000);
        FixtureTree t = tree().writeGood(huge);

        ImportReport report = new TableSchemaImporter(catalog, writer, new TextLimits(100_000, 1_000))
                .importTree(dir, ImportProgress.NONE);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("schemas/PROD_" + t.p + "/" + t.p + "_A.json");
            assertThat(p.where()).isEqualTo("variable " + t.p + "_A.ID, description");
            assertThat(p.reason()).contains("2100000 characters", "100000", "healthgraph.imports.max-text-length")
                    .doesNotContain("lorem");
        });
        assertThat(report.rowsSkipped()).containsEntry(TextLimits.REASON, 1L);
        assertThat(catalog.variable(VariableRef.of(t.p + "_A", "ID"))).isEmpty();
        assertThat(catalog.variables(TableName.of(t.p + "_A"))).extracting(v -> v.ref().name()).containsExactly("RNG", "SEX");
        assertThat(report.filesImported()).isEqualTo(4);
    }

    @Test
    void importingTheSameTreeTwiceChangesNothing() {
        tree().writeGood("Identifiant").writeBad();
        importer.importTree(dir, ImportProgress.NONE);
        var before = catalog.stats();

        ImportReport again = importer.importTree(dir, ImportProgress.NONE);

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(catalog.stats()).isEqualTo(before);
    }

    @Test
    void updatesAChangedDescriptionAndRecordsItInTheVariablesHistory() {
        FixtureTree t = tree().writeGood("Identifiant");
        importer.importTree(dir, ImportProgress.NONE);
        t.writeGood("Identifiant pseudonymisé");

        ImportReport report = importer.importTree(dir, ImportProgress.NONE);

        VariableRef id = VariableRef.of(t.p + "_A", "ID");
        assertThat(report.updated()).isEqualTo(1);
        assertThat(catalog.variable(id).orElseThrow().description()).isEqualTo("Identifiant pseudonymisé");
        assertThat(catalog.history(id)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("description");
            assertThat(c.oldValue()).isEqualTo("Identifiant");
            assertThat(c.newValue()).isEqualTo("Identifiant pseudonymisé");
            assertThat(c.source()).isEqualTo("schemas/PROD_" + t.p + "/" + t.p + "_A.json");
        });
    }

    @Test
    void reportsEveryBadInputWithItsFileAndWhereAndImportsEverythingElse() {
        FixtureTree t = tree().writeGood("Identifiant").writeBad();

        ImportReport report = importer.importTree(dir, ImportProgress.NONE);

        String csv = "nomenclatures/TEST/" + t.p + "_SEX.csv";
        String schemas = "schemas/PROD_" + t.p + "/" + t.p;
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.problems()).extracting(ImportProblem::file, ImportProblem::where).contains(
                tuple(csv, "line 4"),
                tuple(csv, "line 5"),
                tuple(csv, "line 6"),
                tuple(csv, "line 7"),
                tuple("nomenclatures/TEST/" + t.p + "_BROKEN.json", "line 2, column 1"),
                tuple(schemas + "_D.json", "$.fields[0].nomenclature"),
                tuple(schemas + "_E.json", "$.name"),
                tuple(schemas + "_F.json", ""));
        assertThat(report.problems()).filteredOn(p -> p.file().endsWith("_F.json")).singleElement()
                .extracting(ImportProblem::reason).asString().contains("not valid UTF-8");
        assertThat(report.rowsSkipped()).containsEntry(NomenclatureReader.WRONG_COLUMNS, 1L)
                .containsEntry(NomenclatureReader.REPEATED_LINE, 1L).containsEntry(NomenclatureReader.REPEATED_CODE, 1L)
                .containsEntry(NomenclatureReader.EMPTY_CODE, 1L);
        assertThat(report.filesFailed()).isEqualTo(3);
        assertThat(report.summary()).contains("failed: 3");
        // Everything else is in: the good codes, table D without its unknown list, the missing code file noted.
        assertThat(catalog.codes(NomenclatureName.of(t.p + "_SEX"), 10, Optional.empty()).codes())
                .extracting(c -> c.ref().code()).containsExactly("1", "2", "9");
        assertThat(catalog.variable(VariableRef.of(t.p + "_D", "X")).orElseThrow().codedBy()).isEmpty();
        assertThat(catalog.nomenclature(NomenclatureName.of(t.p + "_NOCODES"))).isPresent();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.reason()).contains("no code file"));
        assertThat(catalog.nomenclature(NomenclatureName.of(t.p + "_BROKEN"))).isEmpty();
        assertThat(catalog.tables("PROD_" + t.p)).extracting(x -> x.name().value())
                .containsExactly(t.p + "_A", t.p + "_B", t.p + "_C", t.p + "_D");
    }

    @Test
    void leavesNothingOfACodeListWhoseFileFails() {
        FixtureTree t = tree().writeGood("Identifiant");
        t.write("nomenclatures/TEST/" + t.p + "_SEX.csv", "LIB;AUTRE\nMasculin;x\n");

        ImportReport report = importer.importTree(dir, ImportProgress.NONE);

        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith(t.p + "_SEX.csv");
            assertThat(p.where()).isEqualTo("line 1");
            assertThat(p.reason()).contains("no column COD");
        });
        assertThat(catalog.nomenclature(NomenclatureName.of(t.p + "_SEX"))).isEmpty();
        assertThat(catalog.variable(VariableRef.of(t.p + "_A", "SEX")).orElseThrow().codedBy()).isEmpty();
    }

    @Test
    void aCodeListLinkedOutsideTheTreeIsRefusedUnreadAndNoMalformedFileIsQuoted(@TempDir Path outside) throws Exception {
        FixtureTree t = tree().writeGood("Identifiant");
        Path secret = java.nio.file.Files.writeString(outside.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path codes = dir.resolve("nomenclatures/TEST/" + t.p + "_SEX.csv");
        java.nio.file.Files.delete(codes);
        java.nio.file.Files.createSymbolicLink(codes, secret);
        t.write("schemas/TEST/" + t.p + "_NOT_JSON.json", "root:x:0:0:root:/root:/bin/bash\n");

        ImportReport report = importer.importTree(dir, ImportProgress.NONE);

        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith(t.p + "_SEX.csv");
            assertThat(p.reason()).contains("symbolic link that leads outside the folder").contains("not imported");
        }).anySatisfy(p -> {
            assertThat(p.file()).endsWith(t.p + "_NOT_JSON.json");
            assertThat(p.where()).startsWith("line 1, column ");
            assertThat(p.reason()).startsWith("malformed JSON");
        }).allSatisfy(p -> assertThat(p.toString()).doesNotContain("root"));
        assertThat(catalog.nomenclature(NomenclatureName.of(t.p + "_SEX"))).isEmpty();

        java.nio.file.Files.createSymbolicLink(dir.resolve("schemas/TEST/" + t.p + "_LINK.json"), secret);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.importTree(dir, ImportProgress.NONE))
                .hasMessageContaining(t.p + "_LINK.json").hasMessageContaining("symbolic link that leads outside the folder")
                .hasMessageNotContaining("root:");
    }
}

package org.healthgraph.importers.tableschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.JoinHop;
import org.healthgraph.catalog.JoinPath;
import org.healthgraph.catalog.JoinPathResult;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports the real SNDS dictionary (../shared/schema-snds, skipped when absent) into a database of its
 * own, since it asserts exact counts over the whole graph, and checks the figures and a few facts.
 */
class SchemaSndsIT {

    /** Code rows: 414,490 CSV records (415,141 physical lines, some labels spanning lines) less 5 with no valid code. */
    static final long CODES = 414_485;

    private static Path dir;
    private static GraphStore store;
    private static Catalog catalog;
    private static ImportReport report;
    private static TableSchemaImporter importer;
    private static Path tree;

    @BeforeAll
    static void importSchemaSnds() throws IOException {
        Optional<Path> found = find();
        assumeTrue(found.isPresent(), "../shared/schema-snds is absent: the SNDS import test is skipped");
        tree = found.get();
        dir = Files.createTempDirectory("healthgraph-snds-it-");
        store = GraphStores.open(GraphSettings.embedded(dir));
        catalog = Catalogs.reader(store);
        importer = new TableSchemaImporter(catalog, Catalogs.writer(store));
        report = importer.importTree(tree, ImportProgress.NONE);
    }

    @AfterAll
    static void close() throws IOException {
        if (store != null) {
            store.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Optional<Path> find() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("schema-snds");
            if (Files.isDirectory(candidate.resolve("schemas"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void importsTheExactFiguresOfTheDictionary() {
        assertThat(catalog.stats()).isEqualTo(new CatalogStats(12, 188, 4_815, 505, CODES, 197));
        assertThat(report.filesRead()).isEqualTo(188 + 505);
        assertThat(report.filesFailed()).isZero();
        assertThat(report.rowsRead()).isEqualTo(4_815 + 414_490);
    }

    @Test
    void reportsTheMissingCodeFilesAndTheLinesWithoutACode() {
        assertThat(report.problems()).filteredOn(p -> p.reason().contains("no code file"))
                .extracting(ImportProblem::file).containsExactlyInAnyOrder("nomenclatures/DREES/IR_PHA_R.csv",
                        "nomenclatures/ORAREF/IR_PTF_R.csv", "nomenclatures/ORAVAL/IR_MIR_D.csv");
        assertThat(report.rowsSkipped()).containsExactly(java.util.Map.entry(NomenclatureReader.EMPTY_CODE, 5L));
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("nomenclatures/ORAVAL/IR_DTE_V.csv");
            assertThat(p.where()).isEqualTo("line 1407");
        });
    }

    @Test
    void knowsThatThePharmacyCipCodeIsCodedByTheMedicineList() {
        assertThat(catalog.variable(VariableRef.of("ER_PHA_F", "PHA_PRS_C13")).orElseThrow().codedBy()
                .map(CodedBy::nomenclature)).contains(NomenclatureName.of("IR_PHA_R"));
    }

    @Test
    void joinsThePharmacyTableToTheBeneficiaryTableThroughTheClaimsTable() {
        JoinPathResult result = catalog.joinPaths(TableName.of("ER_PHA_F"), TableName.of("IR_BEN_R"), 4);

        assertThat(result.paths()).hasSize(1);
        JoinPath path = result.paths().getFirst();
        assertThat(path.tables()).extracting(TableName::value).containsExactly("ER_PHA_F", "ER_PRS_F", "IR_BEN_R");
        JoinHop claims = path.hops().get(0);
        assertThat(claims.keys()).extracting(KeyPair::left).containsExactly("DCT_ORD_NUM", "FLX_DIS_DTD", "FLX_EMT_NUM",
                "FLX_EMT_ORD", "FLX_EMT_TYP", "FLX_TRT_DTD", "ORG_CLE_NUM", "PRS_ORD_NUM", "REM_TYP_AFF");
        assertThat(claims.keys()).allMatch(k -> k.left().equals(k.right()));
        assertThat(path.hops().get(1).keys()).containsExactly(new KeyPair("BEN_NIR_PSA", "BEN_NIR_PSA"),
                new KeyPair("BEN_RNG_GEM", "BEN_RNG_GEM"));
    }

    @Test
    void joinsTheHospitalDiagnosesToTheBeneficiaryTableInThreeHops() {
        JoinPathResult result = catalog.joinPaths(TableName.of("T_MCOaaD"), TableName.of("IR_BEN_R"), 5);

        assertThat(result.found()).isTrue();
        assertThat(result.paths()).allMatch(p -> p.length() == 3);
        assertThat(catalog.joinPaths(TableName.of("T_MCOaaD"), TableName.of("IR_BEN_R"), 2).found()).isFalse();
    }

    @Test
    void importingTheDictionaryAgainChangesNothing() {
        ImportReport again = importer.importTree(tree, ImportProgress.NONE);

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.filesUnchanged()).isEqualTo(again.filesImported());
        assertThat(catalog.stats()).isEqualTo(new CatalogStats(12, 188, 4_815, 505, CODES, 197));
        assertThat(again.filesFailed()).isZero();
    }
}

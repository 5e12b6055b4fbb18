package org.healthgraph.importers.tableschema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.TableName;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.GremlinSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import table-schema --atomic}: a run whose middle file is broken leaves the graph exactly as
 * it was (and tells the listeners, which keep the search index, nothing), where the default run
 * imports the good files. Each test on a fresh in-memory TinkerGraph holding an earlier import.
 */
class AtomicTableSchemaImportTest {

    @TempDir
    Path dir;

    private GraphStore store;
    private Catalog catalog;
    private CatalogWriter writer;
    private final List<CatalogChange> told = new ArrayList<>();

    @BeforeEach
    void graphWithAnEarlierImport() {
        store = GraphStores.open(GraphSettings.gremlin(GremlinSettings.inMemory(), dir.resolve("unused")));
        catalog = Catalogs.reader(store);
        writer = Catalogs.writer(store);
        ImportReport earlier = new TableSchemaImporter(catalog, writer)
                .importTree(new FixtureTree(dir.resolve("earlier"), "OLD").writeGood("Identifiant").root, ImportProgress.NONE);
        assertThat(earlier.filesFailed()).isZero();
        writer.addListener(told::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anAtomicRunWithABrokenFileInTheMiddleLeavesTheGraphExactlyAsBefore() {
        List<String> before = snapshot();
        ImportReport report = new TableSchemaImporter(catalog, writer)
                .importTreeAtomically(runWithABrokenMiddleFile(), ImportProgress.NONE, false);
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.filesImported()).isZero();
        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.reason().startsWith("--atomic: nothing imported"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(told).isEmpty();
    }

    @Test
    void withoutAtomicTheGoodFilesAroundTheBrokenOneAreImported() {
        ImportReport report = new TableSchemaImporter(catalog, writer)
                .importTree(runWithABrokenMiddleFile(), ImportProgress.NONE);
        assertThat(report.filesFailed()).isEqualTo(1);
        assertThat(report.filesImported()).isEqualTo(3);
        assertThat(catalog.table(new TableName("NEW_A"))).isPresent();
        assertThat(catalog.table(new TableName("NEW_B"))).isEmpty();
        assertThat(catalog.table(new TableName("NEW_C"))).isPresent();
    }

    @Test
    void anAtomicRunOfGoodFilesWritesThemAllInOneTransaction() {
        ImportReport report = new TableSchemaImporter(catalog, writer).importTreeAtomically(
                new FixtureTree(dir.resolve("good"), "NEW").writeGood("Identifiant").root, ImportProgress.NONE, false);
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.filesImported()).isEqualTo(4);
        assertThat(catalog.table(new TableName("NEW_A"))).isPresent();
        assertThat(catalog.joins(new TableName("NEW_A"))).isNotEmpty();
        assertThat(told).hasSize(1);
    }

    @Test
    void anAtomicRunWithALeftOutRowImportsNothingUnlessLenient() {
        Path tree = new FixtureTree(dir.resolve("rows"), "NEW").writeGood("Identifiant").root;
        new FixtureTree(tree, "NEW").write("nomenclatures/TEST/NEW_SEX.csv", "COD;LIB\n1;Masculin\n3;Trois;de trop\n");
        List<String> before = snapshot();
        ImportReport strict = new TableSchemaImporter(catalog, writer).importTreeAtomically(tree, ImportProgress.NONE, false);
        assertThat(strict.filesImported()).isZero();
        assertThat(snapshot()).isEqualTo(before);
        ImportReport lenient = new TableSchemaImporter(catalog, writer).importTreeAtomically(tree, ImportProgress.NONE, true);
        assertThat(lenient.filesImported()).isEqualTo(4);
        assertThat(catalog.table(new TableName("NEW_A"))).isPresent();
    }

    /** Code list NEW_SEX, tables NEW_A, NEW_B (broken: not JSON), NEW_C, in this order. */
    private Path runWithABrokenMiddleFile() {
        FixtureTree tree = new FixtureTree(dir.resolve("run"), "NEW").writeGood("Identifiant");
        tree.write("schemas/PROD_NEW/NEW_B.json", "{\"name\": \"NEW_B\", \"fields\": [\n");
        return tree.root;
    }

    /** Every entry and join of the graph, as text, sorted. */
    private List<String> snapshot() {
        List<String> out = new ArrayList<>();
        catalog.forEachEntry(EnumSet.allOf(EntryKind.class), e -> out.add(e.toString()));
        catalog.joins().forEach(j -> out.add(j.toString()));
        out.add(catalog.stats().toString());
        out.sort(null);
        return out;
    }
}

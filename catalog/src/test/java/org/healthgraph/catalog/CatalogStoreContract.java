package org.healthgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogStores;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the catalog does on every graph backend: the domain ({@code GraphCatalog},
 * {@code GraphCatalogWriter}) over the {@code CatalogStore} that {@code CatalogStores.on} picks for
 * the graph. Run on Neo4j ({@code Neo4jCatalogStoreIT}), the embedded TinkerGraph
 * ({@code TinkerGraphCatalogStoreIT}) and a Gremlin Server in its own JVM
 * ({@code GremlinServerCatalogStoreIT}); exported in the test-jar. Every test works in its own names
 * ({@link CatalogFixture}), so that the graph can be shared.
 */
public abstract class CatalogStoreContract {

    private CatalogWriter writer;
    private Catalog catalog;

    /** The graph to run on, shared by the tests of the class. */
    protected abstract GraphStore graph();

    @BeforeEach
    void open() {
        writer = Catalogs.writer(graph());
        writer.ensureSchema();
        catalog = Catalogs.reader(graph());
    }

    @Test
    void readsBackWhatWasWritten() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        assertThat(catalog.table(f.a())).get().extracting(Table::dataset).isEqualTo(f.dataset());
        assertThat(catalog.tables(f.dataset())).hasSize(3);
        assertThat(catalog.variables(f.a())).extracting(v -> v.ref().name()).containsExactly("ID", "SEX");
        assertThat(catalog.variable(new VariableRef(f.a(), "SEX")).orElseThrow().codedBy())
                .get().extracting(CodedBy::nomenclature).isEqualTo(f.list());
        assertThat(catalog.variablesCodedBy(f.list())).containsExactly(new VariableRef(f.a(), "SEX"));
        assertThat(catalog.code(new CodeRef(f.list(), "2"))).get().extracting(Code::label).isEqualTo("Féminin");
        assertThat(catalog.code(new CodeRef(f.list(), "2")).orElseThrow().columns()).containsEntry("COD", "2");
        assertThat(catalog.joins(f.b())).hasSize(2);
    }

    @Test
    void everyCommittedChangeMovesTheCatalogStampOnceAndAnUnchangedWriteDoesNot() {
        CatalogFixture f = CatalogFixture.create();
        CatalogStore store = CatalogStores.on(graph());
        List<CatalogStamp> told = new ArrayList<>();
        writer.addStampListener(told::add);
        long before = store.stamp().map(CatalogStamp::version).orElse(0L);

        List<CatalogUnit> units = f.units("Identifiant");
        units.forEach(writer::write);
        CatalogStamp afterWrite = store.stamp().orElseThrow();
        units.forEach(writer::write);
        CatalogStamp afterRewrite = store.stamp().orElseThrow();
        writer.delete("test", EntryKind.TABLE, List.of(f.a().value()));
        CatalogStamp afterDelete = store.stamp().orElseThrow();

        assertThat(afterWrite.version()).as("one move per unit written").isEqualTo(before + units.size());
        assertThat(afterRewrite).as("units written again unchanged").isEqualTo(afterWrite);
        assertThat(afterDelete.version()).isEqualTo(afterWrite.version() + 1);
        assertThat(afterDelete.token()).isNotEqualTo(afterWrite.token());
        assertThat(told).as("the writer tells each stamp it moved to").hasSize(units.size() + 1)
                .contains(afterWrite, afterDelete);
    }

    @Test
    void pagesThroughCodesWithACursor() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        CodePage first = catalog.codes(f.list(), 2, Optional.empty());
        CodePage second = catalog.codes(f.list(), 2, first.endCursor());

        assertThat(first.codes()).extracting(c -> c.ref().code()).containsExactly("1", "2");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.totalCount()).isEqualTo(3);
        assertThat(second.codes()).extracting(c -> c.ref().code()).containsExactly("9");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void aPrefixFilterPagesInsideTheCodesThatStartWithItAndCountsThem() {
        CodeListFixture f = CodeListFixture.create();
        writer.write(f.unit());
        CodeFilter i21 = CodeFilter.of(Optional.of("I21"), Optional.empty(), Optional.empty());

        CodePage first = catalog.codes(f.list(), i21, 2, Optional.empty());
        CodePage second = catalog.codes(f.list(), i21, 2, first.endCursor());

        assertThat(first.codes()).extracting(c -> c.ref().code()).containsExactly("I21", "I210");
        assertThat(first.totalCount()).isEqualTo(4);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.codes()).extracting(c -> c.ref().code()).containsExactly("I211", "I219");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void aTextFilterFindsTheLabelsHoldingEveryWordWhateverTheirCaseAndAccents() {
        CodeListFixture f = CodeListFixture.create();
        writer.write(f.unit());

        CodePage infarctus = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.of("INFARCTUS myocarde"),
                Optional.empty()), 10, Optional.empty());
        CodePage accents = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.of("tularemie"),
                Optional.empty()), 10, Optional.empty());
        CodePage wordStart = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.of("antér"),
                Optional.empty()), 10, Optional.empty());
        CodePage statines = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.of("statine"),
                Optional.empty()), 10, Optional.empty());

        assertThat(infarctus.codes()).extracting(c -> c.ref().code()).containsExactly("I21", "I219", "I22");
        assertThat(infarctus.totalCount()).isEqualTo(3);
        assertThat(accents.codes()).extracting(c -> c.ref().code()).containsExactly("A21");
        assertThat(wordStart.codes()).extracting(c -> c.ref().code()).containsExactly("I210");
        assertThat(statines.codes()).as("a word matches the start of a label's word, not its middle")
                .extracting(c -> c.ref().code()).containsExactly("C10AA");
    }

    @Test
    void aStartCodeOpensThePageOnTheFirstCodeFromItAndLeavesTheCountAlone() {
        CodeListFixture f = CodeListFixture.create();
        writer.write(f.unit());

        CodePage atI21 = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.empty(), Optional.of("I21")),
                2, Optional.empty());
        CodePage between = catalog.codes(f.list(), CodeFilter.of(Optional.empty(), Optional.empty(), Optional.of("I215")),
                2, Optional.empty());
        CodePage withPrefix = catalog.codes(f.list(), CodeFilter.of(Optional.of("C10"), Optional.empty(), Optional.of("C10AB")),
                5, Optional.empty());

        assertThat(atI21.codes()).extracting(c -> c.ref().code()).containsExactly("I21", "I210");
        assertThat(atI21.totalCount()).isEqualTo(CodeListFixture.CODES.size());
        assertThat(between.codes()).extracting(c -> c.ref().code()).containsExactly("I219", "I22");
        assertThat(withPrefix.codes()).extracting(c -> c.ref().code()).containsExactly("C10AB");
        assertThat(withPrefix.totalCount()).isEqualTo(6);
    }

    @Test
    void aCodeHasTheCodesItExtendsAsParentsAndTheNearestCodesExtendingItAsChildren() {
        CodeListFixture f = CodeListFixture.create();
        writer.write(f.unit());

        assertThat(catalog.children(f.ref("I21"))).extracting(c -> c.ref().code()).containsExactly("I210", "I211", "I219");
        assertThat(catalog.parents(f.ref("I210"))).extracting(c -> c.ref().code()).containsExactly("I21");
        assertThat(catalog.children(f.ref("C10"))).extracting(c -> c.ref().code()).containsExactly("C10A");
        assertThat(catalog.children(f.ref("C10A"))).extracting(c -> c.ref().code()).containsExactly("C10AA", "C10AB");
        assertThat(catalog.parents(f.ref("C10AA01"))).extracting(c -> c.ref().code()).containsExactly("C10", "C10A", "C10AA");
        assertThat(catalog.children(f.ref("C10AA01"))).isEmpty();
        assertThat(catalog.parents(f.ref("I50"))).isEmpty();
    }

    @Test
    void aFilterPartOverItsLimitIsRefusedNamingThePart() {
        assertThatThrownBy(() -> CodeFilter.of(Optional.of("I".repeat(CodeFilter.MAX_PREFIX + 1)), Optional.empty(),
                Optional.empty())).isInstanceOf(InvalidCatalogInputException.class).hasMessageContaining("'prefix'");
        assertThatThrownBy(() -> CodeFilter.of(Optional.empty(), Optional.of("a b c d e f g h i j k"), Optional.empty()))
                .isInstanceOf(InvalidCatalogInputException.class).hasMessageContaining("'text'");
    }

    @Test
    void writingTheSameUnitsTwiceChangesNothing() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        CatalogStats before = catalog.stats();

        List<CatalogChange> again = f.units("Identifiant").stream().map(writer::write).toList();

        assertThat(again).allMatch(CatalogChange::isEmpty);
        assertThat(again).allMatch(c -> c.created() == 0 && c.updated() == 0);
        assertThat(catalog.stats()).isEqualTo(before);
    }

    @Test
    void recordsAChangedDescriptionInTheVariablesHistory() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        List<CatalogChange> heard = new ArrayList<>();
        CatalogChangeListener listener = heard::add;
        writer.addListener(listener);
        try {
            f.units("Identifiant du bénéficiaire").forEach(writer::write);
        } finally {
            writer.removeListener(listener);
        }

        VariableRef id = new VariableRef(f.a(), "ID");
        assertThat(catalog.variable(id).orElseThrow().description()).isEqualTo("Identifiant du bénéficiaire");
        assertThat(catalog.history(id)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("description");
            assertThat(c.oldValue()).isEqualTo("Identifiant");
            assertThat(c.newValue()).isEqualTo("Identifiant du bénéficiaire");
            assertThat(c.source()).isEqualTo(f.dataset() + ".json");
        });
        assertThat(heard).singleElement().satisfies(c ->
                assertThat(c.keys(EntryKind.VARIABLE)).containsExactly(id.key()));
    }

    @Test
    void findsAJoinPathWalkingAForeignKeyBackwards() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        JoinPathResult result = catalog.joinPaths(f.a(), f.c(), 4);

        assertThat(result.found()).isTrue();
        JoinPath path = result.paths().getFirst();
        assertThat(path.tables()).containsExactly(f.a(), f.b(), f.c());
        assertThat(path.hops().get(0).keys()).containsExactly(new KeyPair("ID", "ID"));
        assertThat(path.hops().get(1).keys()).containsExactly(new KeyPair("K", "K2"));
        assertThat(path.hops().get(1).declaredForward()).isFalse();
    }

    @Test
    void saysWhenThereIsNoJoinPath() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        JoinPathResult result = catalog.joinPaths(f.a(), f.c(), 1);

        assertThat(result.found()).isFalse();
        assertThat(result.explanation()).contains("No join path").contains("within 1 hop");
    }

    @Test
    void rejectsAUnitThatRefersToAnUnknownTableAndWritesNothingOfIt() {
        CatalogFixture f = CatalogFixture.create();
        TableName ghost = TableName.of(f.a().value() + "_GHOST");
        CatalogUnit unit = CatalogUnit.of("bad.json").withDatasets(List.of(Dataset.named(f.dataset())))
                .withJoins(List.of(new Join(f.a(), ghost, List.of(new KeyPair("ID", "ID")))));

        assertThatThrownBy(() -> writer.write(unit)).isInstanceOf(CatalogException.class).hasMessageContaining("bad.json")
                .hasMessageContaining(ghost.value());
        assertThat(catalog.dataset(f.dataset())).isEmpty();
    }

    @Test
    void streamsEveryEntryOfTheCatalog() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        List<String> keys = new ArrayList<>();

        catalog.forEachEntry(e -> keys.add(e.kind() + " " + e.key()));

        assertThat(keys).contains("TABLE " + f.a(), "VARIABLE " + f.a() + ".SEX", "NOMENCLATURE " + f.list(),
                "CODE " + f.list() + ":9", "DATASET " + f.dataset());
    }

    @Test
    void deletingATableDeletesItsVariablesAndReportsTheirKeys() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        List<CatalogChange> told = new ArrayList<>();
        CatalogChangeListener listener = told::add;
        writer.addListener(listener);
        CatalogChange change;
        try {
            change = writer.delete("test", EntryKind.TABLE, List.of(f.a().value(), "NO_SUCH_TABLE"));
        } finally {
            writer.removeListener(listener);
        }

        assertThat(change.deleted(EntryKind.TABLE)).containsExactly(f.a().value());
        assertThat(change.deleted(EntryKind.VARIABLE)).containsExactlyInAnyOrder(f.a() + ".ID", f.a() + ".SEX");
        assertThat(told).containsExactly(change);
        assertThat(catalog.table(f.a())).isEmpty();
        assertThat(catalog.variable(new VariableRef(f.a(), "SEX"))).isEmpty();
        assertThat(catalog.variablesCodedBy(f.list())).isEmpty();
        assertThat(catalog.table(f.b())).isPresent();
        assertThat(catalog.joins(f.b())).hasSize(1);
    }

    @Test
    void deletingACodeListDeletesItsCodesAndAnImportWritesThemBack() {
        CatalogFixture f = CatalogFixture.create();
        List<CatalogUnit> units = f.units("Identifiant");
        units.forEach(writer::write);

        CatalogChange change = writer.delete("test", EntryKind.NOMENCLATURE, List.of(f.list().value()));
        CatalogChange again = writer.write(units.get(0));

        assertThat(change.deleted(EntryKind.CODE)).containsExactlyInAnyOrder(f.list() + ":1", f.list() + ":2",
                f.list() + ":9");
        assertThat(again.skipped()).isFalse();
        assertThat(catalog.code(new CodeRef(f.list(), "2"))).isPresent();
    }

    @Test
    void aVariableMovedToAnotherCodeListIsCodedByTheNewOneOnlyWithItsColumn() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        NomenclatureName other = NomenclatureName.of(f.list().value() + "_BIS");
        writer.write(CatalogUnit.of("bis.json").withNomenclatures(List.of(new Nomenclature(other, "Autre", "TEST",
                List.of(new NomenclatureColumn("COD", "string", ColumnRole.CODE)), List.of("COD")))));
        VariableRef sex = new VariableRef(f.a(), "SEX");

        writer.write(CatalogUnit.of("moved.json").withVariables(List.of(
                Variable.simple(sex, 1, "Sexe", "string", CodedBy.parse(other.value() + ":COD")))));

        assertThat(catalog.variablesCodedBy(f.list())).isEmpty();
        assertThat(catalog.variablesCodedBy(other)).containsExactly(sex);
        assertThat(catalog.variable(sex).orElseThrow().codedBy()).get().satisfies(c -> {
            assertThat(c.nomenclature()).isEqualTo(other);
            assertThat(c.column()).contains("COD");
        });
        assertThat(catalog.history(sex)).extracting(VariableChange::field).containsExactly("codedBy");

        writer.write(CatalogUnit.of("uncoded.json").withVariables(List.of(
                Variable.simple(sex, 1, "Sexe", "string", Optional.empty()))));

        assertThat(catalog.variablesCodedBy(other)).isEmpty();
        assertThat(catalog.history(sex)).extracting(VariableChange::field).containsExactly("codedBy", "codedBy");
    }

    @Test
    void aTableMovedToAnotherDatasetLeavesTheFirst() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        String other = f.dataset() + " bis";

        writer.write(CatalogUnit.of("move.json").withDatasets(List.of(Dataset.named(other)))
                .withTables(List.of(new Table(f.a(), "Table A", other, "", "", History.NONE, List.of()))));

        assertThat(catalog.tables(f.dataset())).extracting(Table::name).containsExactly(f.b(), f.c());
        assertThat(catalog.tables(other)).extracting(Table::name).containsExactly(f.a());
        assertThat(catalog.tablesOfDatasets(List.of(f.dataset(), other, "NO SUCH DATASET")))
                .containsOnlyKeys(f.dataset(), other);
    }

    @Test
    void aCodeWrittenByThePatientDataBeforeItsListIsAttachedToItNotDuplicated() {
        CatalogFixture f = CatalogFixture.create();
        String key = f.list() + ":2";
        graph().upsertNodes(GraphNames.CODE, List.of(Map.of("key", key, "code", "2", "nomenclature", f.list().value())));

        f.units("Identifiant").forEach(writer::write);

        assertThat(graph().findAll(GraphNames.CODE, List.of(key))).hasSize(1);
        assertThat(catalog.codes(f.list(), 10, Optional.empty()).codes()).extracting(c -> c.ref().code())
                .containsExactly("1", "2", "9");
        assertThat(catalog.code(new CodeRef(f.list(), "2"))).get().extracting(Code::label).isEqualTo("Féminin");
    }

    @Test
    void aChangedJoinIsUpdatedAndTwoJoinsBetweenTheSameTablesAreBothKept() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        Join second = new Join(f.a(), f.b(), List.of(new KeyPair("SEX", "K")));

        writer.write(CatalogUnit.of("more-joins.json").withJoins(List.of(second)));

        assertThat(catalog.joins(f.a())).hasSize(2);
        assertThat(catalog.joins(f.b())).hasSize(3);
        assertThat(catalog.joinsOfTables(List.of(f.a(), f.b())).get(f.a())).hasSize(2);
        CatalogChange again = writer.write(CatalogUnit.of("more-joins.json").withJoins(List.of(second)));
        assertThat(again.isEmpty()).isTrue();
        assertThat(catalog.joins()).filteredOn(j -> j.from().equals(f.a())).hasSize(2);
    }

    @Test
    void batchedReadsAnswerForManyParentsAtOnceAndSkipUnknownKeys() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);
        TableName ghost = TableName.of(f.a().value() + "_GHOST");

        assertThat(catalog.tables(List.of(f.a(), f.c(), ghost))).containsOnlyKeys(f.a(), f.c());
        assertThat(catalog.variablesOfTables(List.of(f.a(), f.b(), ghost)).get(f.a())).extracting(v -> v.ref().name())
                .containsExactly("ID", "SEX");
        assertThat(catalog.variablesOfTables(List.of(f.a(), f.b(), ghost))).containsOnlyKeys(f.a(), f.b());
        assertThat(catalog.nomenclatures(List.of(f.list(), NomenclatureName.of("NO_SUCH_LIST")))).containsOnlyKeys(f.list());
        assertThat(catalog.variablesCodedBy(List.of(f.list())).get(f.list())).extracting(Variable::ref)
                .containsExactly(new VariableRef(f.a(), "SEX"));
        assertThat(catalog.variablesNamed(List.of("K2")).get("K2")).extracting(Variable::ref)
                .contains(new VariableRef(f.c(), "K2"));
        assertThat(catalog.entries(EntryKind.CODE, List.of(f.list() + ":9", f.list() + ":404")))
                .singleElement().satisfies(e -> assertThat(((Code) e).columns()).containsEntry("LIB", "Inconnu"));
        assertThat(catalog.entries(EntryKind.VARIABLE, List.of(f.b() + ".K", f.b() + ".ID")))
                .extracting(CatalogEntry::key).containsExactly(f.b() + ".ID", f.b() + ".K");
    }

    @Test
    void theJoinNeighbourhoodOfATableHoldsTheTablesWithinItsDepth() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        JoinNeighbourhood one = catalog.neighbourhood(f.a(), 1, 10);
        JoinNeighbourhood two = catalog.neighbourhood(f.a(), 2, 10);

        assertThat(one.tables()).extracting(Table::name).containsExactly(f.a(), f.b());
        assertThat(one.joins()).hasSize(1);
        assertThat(two.tables()).extracting(Table::name).containsExactly(f.a(), f.b(), f.c());
        assertThat(two.joins()).hasSize(2);
        assertThat(catalog.neighbourhood(f.a(), 2, 1).truncated()).isTrue();
    }

    @Test
    void allCodesAndPagesGiveTheSameCodesInCodeOrder() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        assertThat(catalog.allCodes(f.list())).extracting(c -> c.ref().code()).containsExactly("1", "2", "9");
        assertThat(catalog.codes(f.list(), 1, Optional.of("1")).codes()).extracting(c -> c.ref().code())
                .containsExactly("2");
        assertThat(catalog.stats().codes()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aUnitWithTheFingerprintOfTheLastImportIsSkippedUntilADeletion() {
        CatalogFixture f = CatalogFixture.create();
        List<CatalogUnit> units = f.units("Identifiant");
        CatalogUnit codes = units.get(0).withFingerprint("sha-" + f.list());
        writer.write(codes);

        assertThat(writer.write(codes).skipped()).isTrue();
        writer.delete("test", EntryKind.CODE, List.of(f.list() + ":1"));
        CatalogChange after = writer.write(codes);

        assertThat(after.skipped()).isFalse();
        assertThat(after.keys(EntryKind.CODE)).containsExactly(f.list() + ":1");
        assertThat(catalog.code(new CodeRef(f.list(), "1"))).isPresent();
    }

    @Test
    void deletingADatasetDeletesItsTablesAndTheirVariables() {
        CatalogFixture f = CatalogFixture.create();
        f.units("Identifiant").forEach(writer::write);

        CatalogChange change = writer.delete("test", EntryKind.DATASET, List.of(f.dataset()));

        assertThat(change.deleted(EntryKind.DATASET)).containsExactly(f.dataset());
        assertThat(change.deleted(EntryKind.TABLE)).containsExactlyInAnyOrder(f.a().value(), f.b().value(), f.c().value());
        assertThat(change.deleted(EntryKind.VARIABLE)).hasSize(5);
        assertThat(catalog.dataset(f.dataset())).isEmpty();
        assertThat(catalog.joins(f.b())).isEmpty();
        assertThat(graph().find(NodeRef.of(GraphNames.VARIABLE, f.a() + ".SEX"))).isEmpty();
        assertThat(catalog.nomenclature(f.list())).isPresent();
    }
}

package org.healthgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraphCatalogIT {

    private static GraphStore store;
    private static CatalogWriter writer;
    private static Catalog catalog;

    @BeforeAll
    static void open() {
        store = SharedNeo4j.store();
        writer = Catalogs.writer(store);
        writer.ensureSchema();
        catalog = Catalogs.reader(store);
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
}

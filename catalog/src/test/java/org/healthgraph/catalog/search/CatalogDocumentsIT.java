package org.healthgraph.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChangeListener;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;

/** The index rebuilt from the catalog in Neo4j, and kept current by the writer's change listener. */
class CatalogDocumentsIT {

    @Test
    void rebuildsFromTheGraphAndFollowsCatalogChanges() {
        GraphStore store = SharedNeo4j.store();
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(store);
        String p = SharedNeo4j.uniqueKey("S");
        TableName table = TableName.of(p + "_BEN");
        NomenclatureName list = NomenclatureName.of(p + "_SEX");
        writer.write(CatalogUnit.of(p + ".json").withDatasets(List.of(Dataset.named("DEMO")))
                .withNomenclatures(List.of(new Nomenclature(list, "Sexe", "TEST", List.of(
                        new NomenclatureColumn("COD", "string", ColumnRole.CODE),
                        new NomenclatureColumn("LIB", "string", ColumnRole.LABEL)), List.of("COD"))))
                .withCodes(List.of(new Code(new CodeRef(list, "2"), "Féminin", Map.of())))
                .withTables(List.of(new Table(table, "Référentiel des bénéficiaires", "DEMO", "", "",
                        new History("2006", "", List.of()), List.of())))
                .withVariables(List.of(
                        Variable.simple(new VariableRef(table, "BEN_DCD_DTE"), 0, "Date de décès", "date", Optional.empty()),
                        Variable.simple(new VariableRef(table, "BEN_SEX_COD"), 1, "Sexe du bénéficiaire", "string",
                                CodedBy.parse(list.value())))));

        try (SearchIndex index = SearchIndex.inMemory()) {
            assertThat(CatalogDocuments.reindex(catalog, index)).isGreaterThanOrEqualTo(5);
            SearchHit variable = first(index, table.value() + ".BEN_SEX_COD");
            assertThat(variable.kind()).isEqualTo(DocumentKind.VARIABLE);
            assertThat(variable.product()).isEqualTo("DEMO");
            assertThat(variable.nomenclature()).isEqualTo(list.value());
            assertThat(first(index, list.value() + ":2").label()).isEqualTo("Féminin");

            CatalogChangeListener listener = CatalogDocuments.keepingCurrent(catalog, index);
            writer.addListener(listener);
            try {
                writer.write(CatalogUnit.of(p + "-v2.json").withVariables(List.of(Variable.simple(
                        new VariableRef(table, "BEN_DCD_DTE"), 0, "Date du décès du bénéficiaire (état civil)", "date",
                        Optional.empty()))));
                SearchResult r = index.search(SearchRequest.of("état civil")
                        .withFilters(SearchFilters.NONE.withTables(java.util.Set.of(table.value()))));
                assertThat(r.hits()).extracting(SearchHit::key).containsExactly(table.value() + ".BEN_DCD_DTE");
            } finally {
                writer.removeListener(listener);
            }
        }
    }

    @Test
    void deletingATableFromTheCatalogRemovesItsTableAndVariablesFromSearch() {
        GraphStore store = SharedNeo4j.store();
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(store);
        String p = SharedNeo4j.uniqueKey("D");
        TableName gone = TableName.of(p + "_GONE");
        TableName kept = TableName.of(p + "_KEPT");
        writer.write(CatalogUnit.of(p + ".json").withDatasets(List.of(Dataset.named("DEMO")))
                .withTables(List.of(
                        new Table(gone, "Séjours supprimés", "DEMO", "", "", History.NONE, List.of()),
                        new Table(kept, "Séjours gardés", "DEMO", "", "", History.NONE, List.of())))
                .withVariables(List.of(
                        Variable.simple(new VariableRef(gone, "SEJ_NBJ"), 0, "Durée du séjour", "int", Optional.empty()),
                        Variable.simple(new VariableRef(kept, "SEJ_NBJ"), 0, "Durée du séjour", "int", Optional.empty()))));
        SearchFilters mine = SearchFilters.NONE.withTables(java.util.Set.of(gone.value(), kept.value()));

        try (SearchIndex index = SearchIndex.inMemory()) {
            CatalogDocuments.reindex(catalog, index);
            assertThat(index.search(SearchRequest.of("durée du séjour").withFilters(mine)).hits())
                    .extracting(SearchHit::key).contains(gone + ".SEJ_NBJ", kept + ".SEJ_NBJ");
            CatalogChangeListener listener = CatalogDocuments.keepingCurrent(catalog, index);
            writer.addListener(listener);
            try {
                writer.delete("test", org.healthgraph.catalog.EntryKind.TABLE, List.of(gone.value()));
            } finally {
                writer.removeListener(listener);
            }

            assertThat(index.search(SearchRequest.of("durée du séjour").withFilters(mine)).hits())
                    .extracting(SearchHit::key).contains(kept + ".SEJ_NBJ").doesNotContain(gone + ".SEJ_NBJ");
            assertThat(index.search(SearchRequest.of(gone.value())).hits()).extracting(SearchHit::key)
                    .doesNotContain(gone.value(), gone + ".SEJ_NBJ");
            assertThat(index.search(SearchRequest.of("séjours").withFilters(mine)).hits())
                    .extracting(SearchHit::key).contains(kept.value()).doesNotContain(gone.value());
        }
    }

    @Test
    void rebuildsWithTheDocumentationAndFollowsItsChanges() {
        GraphStore store = SharedNeo4j.store();
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(store);
        String p = SharedNeo4j.uniqueKey("K");
        TableName stays = TableName.of(p + "_SEJ");
        TableName other = TableName.of(p + "_AUT");
        writer.write(CatalogUnit.of(p + ".json").withDatasets(List.of(Dataset.named("DEMO")))
                .withTables(List.of(new Table(other, "Fichier complémentaire", "DEMO", "", "", History.NONE, List.of()),
                        new Table(stays, "Fichier complémentaire", "DEMO", "", "", History.NONE, List.of()))));
        org.healthgraph.catalog.documentation.InMemoryDocumentation documentation =
                new org.healthgraph.catalog.documentation.InMemoryDocumentation();
        org.healthgraph.catalog.documentation.DocumentKey page = org.healthgraph.catalog.documentation.DocumentKey.of(
                "fiches/" + p);
        SearchFilters mine = SearchFilters.NONE.withTables(java.util.Set.of(stays.value(), other.value()));

        try (SearchIndex index = SearchIndex.inMemory()) {
            CatalogDocuments.reindex(catalog, documentation, index);
            assertThat(index.search(SearchRequest.of("interruption volontaire de grossesse").withFilters(mine)).hits())
                    .isEmpty();
            SearchKnowledge knowledge = new SearchKnowledge(catalog, documentation);
            documentation.addListener(DocumentationDocuments.keepingCurrent(catalog, documentation, knowledge, index));
            documentation.write(new org.healthgraph.catalog.documentation.DocumentationPage("fiches/" + p + ".md", "v1",
                    List.of(new org.healthgraph.catalog.documentation.Document(page, "Les IVG", "",
                            "Les IVG à l'hôpital sont dans la table des séjours.", List.of(), "fiches/" + p + ".md", 1,
                            Optional.empty(), 0)), Optional.empty(),
                    List.of(new org.healthgraph.catalog.documentation.Mention(page,
                            new org.healthgraph.catalog.documentation.MentionTarget(org.healthgraph.catalog.EntryKind.TABLE,
                                    stays.value()), 1, stays.value(), "Les IVG à l'hôpital sont dans " + stays)),
                    List.of()));
            assertThat(index.search(SearchRequest.of("interruption volontaire de grossesse").withFilters(mine)).hits())
                    .extracting(SearchHit::key).containsExactly(stays.value());
            assertThat(index.search(SearchRequest.of("IVG hôpital")).hits()).extracting(SearchHit::key)
                    .contains(page.value());
            documentation.deletePages(List.of("fiches/" + p + ".md"));
            assertThat(index.search(SearchRequest.of("IVG hôpital")).hits()).extracting(SearchHit::key)
                    .doesNotContain(page.value());
            assertThat(index.search(SearchRequest.of("interruption volontaire de grossesse").withFilters(mine)).hits())
                    .isEmpty();
        }
    }

    @Test
    void batchedIndexingIndexesChangesInFewCommitsAndLosesNoneOnClose() {
        GraphStore store = SharedNeo4j.store();
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(store);
        String p = SharedNeo4j.uniqueKey("B");
        writer.write(CatalogUnit.of(p + ".json").withDatasets(List.of(Dataset.named("DEMO"))));
        SearchFilters mine = SearchFilters.NONE.withProducts(java.util.Set.of("DEMO"));
        try (SearchIndex index = SearchIndex.inMemory()) {
            long before = index.version();
            BatchedIndexing batches = BatchedIndexing.start(catalog, () -> Knowledge.NONE, index);
            writer.addListener(batches);
            try {
                for (int i = 0; i < 20; i++) {
                    TableName t = TableName.of(p + "_T" + i);
                    writer.write(CatalogUnit.of(p + "-" + i + ".json").withTables(List.of(new Table(t,
                            "Table des séjours " + i, "DEMO", "", "", History.NONE, List.of())))
                            .withVariables(List.of(Variable.simple(new VariableRef(t, "SEJ_NBJ"), 0, "Durée du séjour",
                                    "int", Optional.empty()))));
                }
                batches.flush();
                assertThat(index.search(SearchRequest.of("durée du séjour")
                        .withFilters(SearchFilters.NONE.withTables(java.util.Set.of(p + "_T7")))).hits())
                        .extracting(SearchHit::key).startsWith(p + "_T7.SEJ_NBJ");
                assertThat(index.search(SearchRequest.of(p + "_T7")).hits().get(0).key()).isEqualTo(p + "_T7");
                // 20 files, far fewer commits than one per file
                assertThat(index.version() - before).isLessThan(10);
                TableName late = TableName.of(p + "_LATE");
                writer.write(CatalogUnit.of(p + "-late.json").withTables(List.of(new Table(late, "Table tardive", "DEMO",
                        "", "", History.NONE, List.of()))));
            } finally {
                writer.removeListener(batches);
                batches.close();
            }
            assertThat(index.search(SearchRequest.of("tardive").withFilters(mine)).hits()).extracting(SearchHit::key)
                    .contains(p + "_LATE");
        }
    }

    @Test
    void batchedIndexingIndexesDocumentationPagesInFewCommitsAndTheEntriesTheyNameWithTheirNewKnowledge() {
        GraphStore store = SharedNeo4j.store();
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        Catalog catalog = Catalogs.reader(store);
        String p = SharedNeo4j.uniqueKey("BD");
        TableName t = TableName.of(p + "_SEJ");
        writer.write(CatalogUnit.of(p + ".json").withDatasets(List.of(Dataset.named("DEMO")))
                .withTables(List.of(new Table(t, "Séjours", "DEMO", "", "", History.NONE, List.of()))));
        org.healthgraph.catalog.documentation.InMemoryDocumentation docs =
                new org.healthgraph.catalog.documentation.InMemoryDocumentation();
        SearchKnowledge knowledge = new SearchKnowledge(catalog, docs);
        try (SearchIndex index = SearchIndex.inMemory()) {
            CatalogDocuments.reindex(catalog, docs, index);
            long before = index.version();
            BatchedIndexing batches = BatchedIndexing.start(catalog, docs, knowledge, index);
            docs.addListener(batches.documentationListener());
            try {
                for (int i = 0; i < 20; i++) {
                    var key = org.healthgraph.catalog.documentation.DocumentKey.of(p.toLowerCase() + "/fiches/page" + i);
                    docs.write(new org.healthgraph.catalog.documentation.DocumentationPage(key.value() + ".md", "v" + i,
                            List.of(new org.healthgraph.catalog.documentation.Document(key, "Fiche " + i, "",
                                    "La prise en charge hospitalière " + p + i, List.of(), key.value() + ".md", 1,
                                    Optional.empty(), 0)),
                            Optional.empty(),
                            List.of(new org.healthgraph.catalog.documentation.Mention(key,
                                    new org.healthgraph.catalog.documentation.MentionTarget(EntryKind.TABLE, t.value()), 3,
                                    t.value(), "la prise en charge hospitalière")),
                            List.of()));
                }
            } finally {
                docs.removeListener(batches.documentationListener());
                batches.close();
            }
            // among documents: the shared test graph holds other tests' tables, which may fill the first ten hits
            assertThat(index.search(SearchRequest.of(p + "7").withFilters(
                    SearchFilters.NONE.withKinds(java.util.Set.of(DocumentKind.DOCUMENT)))).hits()).extracting(SearchHit::key)
                    .contains(p.toLowerCase() + "/fiches/page7");
            // the table is found by what the pages say of it, once they are indexed
            assertThat(index.search(SearchRequest.of("prise en charge hospitalière").withFilters(
                    SearchFilters.NONE.withProducts(java.util.Set.of("DEMO")).withKinds(java.util.Set.of(DocumentKind.TABLE)))).hits())
                    .extracting(SearchHit::key).contains(t.value());
            // 20 pages, far fewer commits than one per page
            assertThat(index.version() - before).isLessThan(10);
        }
    }

    private static SearchHit first(SearchIndex index, String query) {
        return index.search(SearchRequest.of(query)).hits().get(0);
    }
}

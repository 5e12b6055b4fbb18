package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.CountingGraphStore;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.healthgraph.app.testing.LocalHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The catalog walked as a graph over HTTP, and the cost of a deep query in round trips to the
 * store: nested fields are loaded in batches, so 24 tables with their variables, code lists and
 * joins cost a handful of round trips, not one per table or variable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogNavigationIT {

    static final int TABLES = 24;

    @TestConfiguration
    static class Counting {
        @Bean
        @Primary
        CountingGraphStore countingGraphStore(GraphStore graphStore) {
            return new CountingGraphStore(graphStore);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-nav-it-");
        registry.add("healthgraph.data-dir", dir::toString);
        // The interval's freshness checks (stamp reads on a timer) would be counted as round trips.
        registry.add("healthgraph.freshness.check-interval", () -> "1h");
    }

    @Autowired
    Environment environment;
    @Autowired
    CountingGraphStore store;
    @Autowired
    Catalog catalog;
    @Autowired
    CatalogWriter writer;


    @BeforeAll
    void importAWideCatalog() throws Exception {
        Path tree = Files.createTempDirectory("nav-tree-");
        Path schemas = Files.createDirectories(tree.resolve("schemas/NAV"));
        Path lists = Files.createDirectories(tree.resolve("nomenclatures/NAVSRC"));
        for (int n = 0; n < 4; n++) {
            Files.writeString(lists.resolve("NAV_NOM_" + n + ".json"), "{\"name\": \"NAV_NOM_" + n + "\", \"title\": \"Liste "
                    + n + "\", \"fields\": [{\"name\": \"COD\", \"type\": \"string\", \"role\": \"code\"},"
                    + " {\"name\": \"LIB\", \"type\": \"string\", \"role\": \"label\"}], \"primaryKey\": [\"COD\"]}");
            Files.writeString(lists.resolve("NAV_NOM_" + n + ".csv"), "COD;LIB\nA;Alpha\nB;Bêta\n");
        }
        for (int t = 0; t < TABLES; t++) {
            StringBuilder fields = new StringBuilder();
            for (int v = 0; v < 5; v++) {
                fields.append(v == 0 ? "" : ",").append("{\"name\": \"").append(v == 0 ? "NAV_ID" : "NAV_T" + t + "_V" + v)
                        .append("\", \"description\": \"Variable ").append(v).append("\", \"type\": \"string\", \"nomenclature\": \"")
                        .append(v == 0 ? "-" : "NAV_NOM_" + (v % 4)).append("\"}");
            }
            String fk = t == 0 ? "[]" : "[{\"fields\": [\"NAV_ID\"], \"reference\": {\"resource\": \"NAV_T" + (t - 1)
                    + "\", \"fields\": [\"NAV_ID\"]}}]";
            Files.writeString(schemas.resolve("NAV_T" + t + ".json"), "{\"name\": \"NAV_T" + t + "\", \"title\": \"Table "
                    + t + "\", \"produit\": \"NAV\", \"foreignKeys\": " + fk + ", \"fields\": [" + fields + "]}");
        }
        var report = new TableSchemaImporter(catalog, writer).importTree(tree, ImportProgress.NONE);
        assertThat(report.hasErrors()).as(report.summary()).isFalse();
    }

    private JsonNode query(String query) {
        JsonNode result = new LocalHttp(environment).graphql(query);
        assertThat(result.has("errors")).as(result.toString()).isFalse();
        return result.path("data");
    }

    @Test
    void aDeepQueryOverManyTablesCostsAFewRoundTripsNotOnePerItem() throws Exception {
        store.reset();

        // Page sizes are bounded by the complexity limit, which counts every item a connection may return.
        JsonNode nav = query("{ dataset(name: \"NAV\") { name tables(first: 30) { edges { node { name"
                + " variables(first: 10) { totalCount edges { node { key nomenclature { name title } inTable { name } } } }"
                + " joins(first: 10) { edges { node { from to fromTable { title } toTable { title } } } } } } } } }")
                .path("dataset");

        assertThat(nav.path("name").asString()).isEqualTo("NAV");
        assertThat(nav.path("tables").path("edges")).hasSize(TABLES);
        assertThat(nav.path("tables").path("edges").path(3).path("node").path("variables").path("edges").path(1).path("node")
                .path("nomenclature").path("name").asString()).isEqualTo("NAV_NOM_1");
        // the dataset, its tables, the tables' variables, their code lists, the variables' tables,
        // the joins, the joins' tables: 7 kinds of read, each one round trip whatever the width; and
        // the catalog stamp read before the request (CatalogFreshness).
        assertThat(store.calls()).isLessThanOrEqualTo(9);
    }

    @Test
    void everyObjectHasAGlobalIdThatNodeResolves() throws Exception {
        JsonNode table = query("{ table(name: \"NAV_T3\") { id name variables(first: 2) { edges { node { id key } } } } }")
                .path("table");

        JsonNode byId = query("{ node(id: \"" + table.path("id").asString() + "\") { id ... on Table { name title } } }");
        String variableId = table.path("variables").path("edges").path(1).path("node").path("id").asString();
        JsonNode variable = query("{ node(id: \"" + variableId + "\") { ... on Variable { key inTable { name } } } }");

        assertThat(byId.path("node").path("name").asString()).isEqualTo("NAV_T3");
        assertThat(variable.path("node").path("key").asString()).isEqualTo("NAV_T3.NAV_T3_V1");
        assertThat(variable.path("node").path("inTable").path("name").asString()).isEqualTo("NAV_T3");
    }

    @Test
    void theJoinGraphAroundATableHoldsItsNeighboursAndTheJoinsBetweenThem() throws Exception {
        JsonNode graph = query("{ neighbourhood(table: \"NAV_T5\", depth: 2) { centre { name } tables { name }"
                + " joins { from to keys { left right } } truncated } }").path("neighbourhood");

        assertThat(graph.path("centre").path("name").asString()).isEqualTo("NAV_T5");
        assertThat(graph.path("tables").findValuesAsString("name"))
                .containsExactlyInAnyOrder("NAV_T3", "NAV_T4", "NAV_T5", "NAV_T6", "NAV_T7");
        assertThat(graph.path("joins")).hasSize(4);
        assertThat(graph.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void aVariableLeadsToTheVariablesOfTheSameNameAndACodeToTheVariablesOfItsList() throws Exception {
        JsonNode variable = query("{ variable(table: \"NAV_T2\", name: \"NAV_ID\") { sameName(first: 100) { totalCount"
                + " edges { node { key } } } } }").path("variable");
        JsonNode codes = query("{ nomenclature(name: \"NAV_NOM_2\") { codedVariables(first: 100) { edges { node { key } } }"
                + " codes(first: 1) { edges { node { key codeList { name } variables(first: 100) { totalCount } } } } } }")
                .path("nomenclature");

        assertThat(variable.path("sameName").path("edges")).hasSize(TABLES - 1);
        assertThat(variable.path("sameName").path("totalCount").asInt()).isEqualTo(TABLES - 1);
        assertThat(codes.path("codedVariables").findValuesAsString("key")).contains("NAV_T0.NAV_T0_V2", "NAV_T23.NAV_T23_V2");
        JsonNode code = codes.path("codes").path("edges").path(0).path("node");
        assertThat(code.path("codeList").path("name").asString()).isEqualTo("NAV_NOM_2");
        assertThat(code.path("variables").path("totalCount").asInt()).isEqualTo(TABLES);
    }

    @Test
    void theTablesOfADataProductArePagedWithCursorsWithoutGapOrRepeat() throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < TABLES; page++) {
            JsonNode tables = query("{ dataset(name: \"NAV\") { tables(first: 7" + (after == null ? "" : ", after: \"" + after + "\"")
                    + ") { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } }")
                    .path("dataset").path("tables");
            assertThat(tables.path("totalCount").asInt()).isEqualTo(TABLES);
            tables.path("edges").forEach(e -> seen.add(e.path("node").path("name").asString()));
            if (!tables.path("pageInfo").path("hasNextPage").asBoolean()) {
                break;
            }
            after = tables.path("pageInfo").path("endCursor").asString();
        }

        assertThat(seen).hasSize(TABLES).doesNotHaveDuplicates().isSorted();
        assertThat(query("{ dataset(name: \"NO_SUCH_PRODUCT\") { name } }").path("dataset").isNull()).isTrue();
    }
}

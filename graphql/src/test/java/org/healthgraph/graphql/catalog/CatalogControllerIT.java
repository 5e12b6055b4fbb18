package org.healthgraph.graphql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.ColumnRole;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graphql.errors.ApiErrors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/** The catalog's queries through Spring for GraphQL over the embedded Neo4j. */
@SpringBootTest(classes = CatalogControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CatalogControllerIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({CatalogController.class, CatalogNavigationController.class, CatalogLoaders.class, NodeTypes.class,
            ApiErrors.class})
    static class App {
        @Bean(destroyMethod = "")
        GraphStore graphStore() {
            return SharedNeo4j.store();
        }

        @Bean
        CatalogWriter catalogWriter(GraphStore store) {
            CatalogWriter writer = Catalogs.writer(store);
            writer.ensureSchema();
            return writer;
        }

        @Bean
        Catalog catalog(GraphStore store, CatalogWriter writer) {
            return Catalogs.cached(Catalogs.reader(store), writer, java.time.Duration.ofMinutes(10), 20_000, 1_000_000);
        }
    }

    /** Prefix of this test class's names: PATIENT -> SOIN <- MED, a code list of 3 codes. */
    private static final String P = SharedNeo4j.uniqueKey("GQL");

    @Autowired
    ExecutionGraphQlService graphQl;

    @BeforeAll
    static void writeCatalog(@Autowired CatalogWriter writer) {
        NomenclatureName list = NomenclatureName.of(P + "_SEX");
        writer.write(CatalogUnit.of("gql").withNomenclatures(List.of(new Nomenclature(list, "Sexe", "TEST",
                        List.of(new NomenclatureColumn("COD", "", ColumnRole.CODE), new NomenclatureColumn("LIB", "", ColumnRole.LABEL)),
                        List.of("COD"))))
                .withCodes(List.of(code(list, "1", "Masculin"), code(list, "2", "Féminin"), code(list, "9", "Inconnu"))));
        NomenclatureName cim = NomenclatureName.of(P + "_CIM");
        writer.write(CatalogUnit.of("gql-cim").withNomenclatures(List.of(new Nomenclature(cim, "CIM-10", "TEST",
                        List.of(new NomenclatureColumn("COD", "", ColumnRole.CODE), new NomenclatureColumn("LIB", "", ColumnRole.LABEL)),
                        List.of("COD"))))
                .withCodes(List.of(code(cim, "A21", "Tularémie"), code(cim, "B21", "Maladie due au VIH"),
                        code(cim, "C21", "Tumeur maligne de l'anus"), code(cim, "I21", "Infarctus aigu du myocarde"),
                        code(cim, "I210", "Infarctus transmural aigu de la paroi antérieure"),
                        code(cim, "I211", "Infarctus transmural aigu de la paroi inférieure"),
                        code(cim, "I219", "Infarctus aigu du myocarde, sans précision"))));
        TableName patient = TableName.of(P + "_PATIENT");
        TableName soin = TableName.of(P + "_SOIN");
        TableName med = TableName.of(P + "_MED");
        writer.write(CatalogUnit.of("gql-tables").withDatasets(List.of(Dataset.named("PROD " + P)))
                .withTables(List.of(table(patient), table(soin), table(med)))
                .withVariables(List.of(
                        Variable.simple(new VariableRef(patient, "ID"), 0, "Identifiant du patient", "string", Optional.empty()),
                        Variable.simple(new VariableRef(patient, "SEXE"), 1, "Sexe", "integer", CodedBy.parse(list.value())),
                        Variable.simple(new VariableRef(soin, "SOIN_ID"), 0, "Identifiant du soin", "string", Optional.empty()),
                        Variable.simple(new VariableRef(soin, "PAT_ID"), 1, "Patient", "string", Optional.empty()),
                        Variable.simple(new VariableRef(med, "SOIN_ID"), 0, "Soin", "string", Optional.empty())))
                .withJoins(List.of(new Join(soin, patient, List.of(new KeyPair("PAT_ID", "ID"))),
                        new Join(med, soin, List.of(new KeyPair("SOIN_ID", "SOIN_ID"))))));
    }

    private static Code code(NomenclatureName list, String code, String label) {
        return new Code(new CodeRef(list, code), label, Map.of("COD", code, "LIB", label));
    }

    private static Table table(TableName name) {
        return new Table(name, "Table " + name, "PROD " + P, "", "", History.NONE, List.of());
    }

    private ExecutionGraphQlResponse run(String document) {
        return graphQl.execute(new DefaultExecutionGraphQlRequest(document, null, Map.of(), Map.of(),
                UUID.randomUUID().toString(), null)).block();
    }

    @Test
    void countsTheCatalog() {
        ExecutionGraphQlResponse r = run("{ catalogStats { datasets tables variables nomenclatures codes joins } }");

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("catalogStats.tables").<Integer>getValue()).isGreaterThanOrEqualTo(3);
        assertThat(r.field("catalogStats.codes").<Integer>getValue()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void readsATableWithItsVariablesAndTheCodeListOfOne() {
        ExecutionGraphQlResponse r = run("""
                { table(name: "%s_PATIENT") { name dataset variables(first: 5) { totalCount edges { node {
                  key name nomenclature { name } } } } } }""".formatted(P));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("table.dataset").<String>getValue()).isEqualTo("PROD " + P);
        assertThat(r.field("table.variables.totalCount").<Integer>getValue()).isEqualTo(2);
        assertThat(r.field("table.variables.edges[1].node.nomenclature.name").<String>getValue()).isEqualTo(P + "_SEX");
    }

    @Test
    void readsAVariableAndSaysNullForAnUnknownOne() {
        ExecutionGraphQlResponse r = run("""
                { known: variable(table: "%1$s_PATIENT", name: "ID") { description type }
                  unknown: variable(table: "%1$s_PATIENT", name: "NOPE") { description } }""".formatted(P));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("known.description").<String>getValue()).isEqualTo("Identifiant du patient");
        assertThat(r.field("unknown").<Object>getValue()).isNull();
    }

    @Test
    void pagesThroughCodesWithCursors() {
        ExecutionGraphQlResponse first = run("""
                { nomenclature(name: "%s_SEX") { codes(first: 2) { totalCount edges { cursor node { code label } }
                  pageInfo { hasNextPage endCursor } } } }""".formatted(P));
        String cursor = first.field("nomenclature.codes.pageInfo.endCursor").getValue();
        ExecutionGraphQlResponse second = run("""
                { nomenclature(name: "%s_SEX") { codes(first: 2, after: "%s") { edges { node { code } }
                  pageInfo { hasNextPage } } } }""".formatted(P, cursor));

        assertThat(first.field("nomenclature.codes.totalCount").<Integer>getValue()).isEqualTo(3);
        assertThat(first.field("nomenclature.codes.edges[1].node.label").<String>getValue()).isEqualTo("Féminin");
        assertThat(first.field("nomenclature.codes.pageInfo.hasNextPage").<Boolean>getValue()).isTrue();
        assertThat(second.field("nomenclature.codes.edges[0].node.code").<String>getValue()).isEqualTo("9");
        assertThat(second.field("nomenclature.codes.pageInfo.hasNextPage").<Boolean>getValue()).isFalse();
    }

    @Test
    void findsAJoinPathWithTheKeysOfEachHop() {
        ExecutionGraphQlResponse r = run("""
                { joinPath(from: "%1$s_MED", to: "%1$s_PATIENT", maxHops: 3) { found explanation
                  paths { length tables hops { from to keys { left right } } } } }""".formatted(P));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("joinPath.paths[0].tables").<List<String>>getValue())
                .containsExactly(P + "_MED", P + "_SOIN", P + "_PATIENT");
        assertThat(r.field("joinPath.paths[0].hops[1].keys[0].left").<String>getValue()).isEqualTo("PAT_ID");
        assertThat(r.field("joinPath.paths[0].hops[1].keys[0].right").<String>getValue()).isEqualTo("ID");
    }

    @Test
    void saysWhenThereIsNoJoinPathAndRejectsAnUnknownTable() {
        ExecutionGraphQlResponse none = run("""
                { joinPath(from: "%1$s_MED", to: "%1$s_PATIENT", maxHops: 1) { found explanation } }""".formatted(P));
        ExecutionGraphQlResponse unknown = run("""
                { joinPath(from: "%1$s_MED", to: "%1$s_NOPE") { found } }""".formatted(P));

        assertThat(none.field("joinPath.found").<Boolean>getValue()).isFalse();
        assertThat(none.field("joinPath.explanation").<String>getValue()).contains("No join path");
        assertThat(unknown.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType().toString()).isEqualTo("NOT_FOUND");
            assertThat(e.getMessage()).contains(P + "_NOPE");
        });
    }

    @Test
    void rejectsABadCursorNamingTheArgument() {
        ExecutionGraphQlResponse r = run("""
                { nomenclature(name: "%s_SEX") { codes(after: "not-a-cursor") { totalCount } } }""".formatted(P));

        assertThat(r.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(e.getMessage()).contains("'after'");
        });
    }

    @Test
    void filtersCodesByPrefixAndPagesInsideTheFilter() {
        ExecutionGraphQlResponse first = run("""
                { nomenclature(name: "%s_CIM") { codes(first: 2, filter: {prefix: "I21"}) { totalCount
                  edges { node { code label } } pageInfo { hasNextPage endCursor } } } }""".formatted(P));
        String cursor = first.field("nomenclature.codes.pageInfo.endCursor").getValue();
        ExecutionGraphQlResponse second = run("""
                { nomenclature(name: "%s_CIM") { codes(first: 2, after: "%s", filter: {prefix: "I21"}) {
                  edges { node { code } } pageInfo { hasNextPage } } } }""".formatted(P, cursor));

        assertThat(first.field("nomenclature.codes.totalCount").<Integer>getValue()).isEqualTo(4);
        assertThat(first.field("nomenclature.codes.edges").<List<Map<String, Map<String, String>>>>getValue())
                .extracting(e -> e.get("node").get("code")).containsExactly("I21", "I210");
        assertThat(first.field("nomenclature.codes.edges[0].node.label").<String>getValue()).isEqualTo("Infarctus aigu du myocarde");
        assertThat(second.field("nomenclature.codes.edges").<List<Map<String, Map<String, String>>>>getValue())
                .extracting(e -> e.get("node").get("code")).containsExactly("I211", "I219");
        assertThat(second.field("nomenclature.codes.pageInfo.hasNextPage").<Boolean>getValue()).isFalse();
    }

    @Test
    void filtersCodesByTheWordsOfTheirLabelIgnoringCaseAndAccents() {
        ExecutionGraphQlResponse r = run("""
                { nomenclature(name: "%s_CIM") { codes(filter: {text: "INFARCTUS antérieure"}) { totalCount
                  edges { node { code } } } } }""".formatted(P));

        assertThat(r.field("nomenclature.codes.totalCount").<Integer>getValue()).isEqualTo(1);
        assertThat(r.field("nomenclature.codes.edges[0].node.code").<String>getValue()).isEqualTo("I210");
    }

    @Test
    void opensThePageOfACodeWithStartAtAndKeepsTheWholeCount() {
        ExecutionGraphQlResponse r = run("""
                { nomenclature(name: "%s_CIM") { codes(first: 2, filter: {startAt: "I21"}) { totalCount
                  edges { node { code } } pageInfo { hasPreviousPage hasNextPage } } } }""".formatted(P));

        assertThat(r.field("nomenclature.codes.totalCount").<Integer>getValue()).isEqualTo(7);
        assertThat(r.field("nomenclature.codes.edges").<List<Map<String, Map<String, String>>>>getValue())
                .extracting(e -> e.get("node").get("code")).containsExactly("I21", "I210");
        assertThat(r.field("nomenclature.codes.pageInfo.hasPreviousPage").<Boolean>getValue()).isTrue();
        assertThat(r.field("nomenclature.codes.pageInfo.hasNextPage").<Boolean>getValue()).isTrue();
    }

    @Test
    void findsACodeByKeyWithItsParentsAndChildrenAndSaysNullForAnUnknownOne() {
        ExecutionGraphQlResponse r = run("""
                { code(key: "%1$s_CIM:I21") { label parents { code } children { code label } codeList { name } }
                  leaf: code(key: "%1$s_CIM:I219") { parents { code } children { code } }
                  none: code(key: "%1$s_CIM:Z99") { code } }""".formatted(P));

        assertThat(r.field("code.label").<String>getValue()).isEqualTo("Infarctus aigu du myocarde");
        assertThat(r.field("code.parents").<List<?>>getValue()).isEmpty();
        assertThat(r.field("code.children").<List<Map<String, String>>>getValue()).extracting(c -> c.get("code"))
                .containsExactly("I210", "I211", "I219");
        assertThat(r.field("code.codeList.name").<String>getValue()).isEqualTo(P + "_CIM");
        assertThat(r.field("leaf.parents").<List<Map<String, String>>>getValue()).extracting(c -> c.get("code"))
                .containsExactly("I21");
        assertThat(r.field("leaf.children").<List<?>>getValue()).isEmpty();
        assertThat(r.field("none").<Object>getValue()).isNull();
    }

    @Test
    void rejectsAFilteredPageOverAHundredAndAFilterPartOverItsLimitNamingThem() {
        ExecutionGraphQlResponse tooMany = run("""
                { nomenclature(name: "%s_CIM") { codes(first: 101, filter: {prefix: "I"}) { totalCount } } }""".formatted(P));
        ExecutionGraphQlResponse tooLong = run("""
                { nomenclature(name: "%s_CIM") { codes(filter: {prefix: "%s"}) { totalCount } } }""".formatted(P, "I".repeat(101)));
        ExecutionGraphQlResponse badKey = run("{ code(key: \"no-colon\") { code } }");

        assertThat(tooMany.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(e.getMessage()).contains("'first'");
        });
        assertThat(tooLong.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(e.getMessage()).contains("'prefix'", "100");
        });
        assertThat(badKey.getErrors()).singleElement().satisfies(e ->
                assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST"));
    }
}

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
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
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

/** The documentation's queries through Spring for GraphQL over the embedded Neo4j. */
@SpringBootTest(classes = DocumentationControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DocumentationControllerIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({CatalogController.class, DocumentationController.class, CatalogLoaders.class, NodeTypes.class,
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
        Catalog catalog(GraphStore store) {
            return Catalogs.reader(store);
        }

        @Bean
        DocumentationWriter documentationWriter(GraphStore store) {
            DocumentationWriter writer = Catalogs.documentationWriter(store);
            writer.ensureSchema();
            return writer;
        }

        @Bean
        Documentation documentation(GraphStore store) {
            return Catalogs.documentation(store);
        }
    }

    private static final String P = SharedNeo4j.uniqueKey("GQLDOC");
    /** Pages of this class live under their own folder, so that the shared graph holds them apart. */
    private static final String DIR = P.toLowerCase();
    private static final TableName SEJ = TableName.of(P + "_SEJ");
    private static final NomenclatureName CIM = NomenclatureName.of(P + "_CIM");

    @Autowired
    ExecutionGraphQlService graphQl;

    @BeforeAll
    static void writeCatalogAndPages(@Autowired CatalogWriter writer, @Autowired DocumentationWriter docs) {
        writer.write(CatalogUnit.of("gqldoc-cim").withNomenclatures(List.of(new Nomenclature(CIM, "CIM-10", "TEST",
                        List.of(new NomenclatureColumn("COD", "", ColumnRole.CODE), new NomenclatureColumn("LIB", "", ColumnRole.LABEL)),
                        List.of("COD"))))
                .withCodes(List.of(new Code(new CodeRef(CIM, "I21"), "Infarctus", Map.of("COD", "I21", "LIB", "Infarctus")))));
        writer.write(CatalogUnit.of("gqldoc-tables").withDatasets(List.of(Dataset.named("PROD " + P)))
                .withTables(List.of(new Table(SEJ, "Séjours", "PROD " + P, "", "", History.NONE, List.of())))
                .withVariables(List.of(Variable.simple(new VariableRef(SEJ, "DGN"), 0, "Diagnostic", "string",
                        CodedBy.parse(CIM.value())))));
        DocumentKey guide = DocumentKey.of(DIR + "/fiches/sejours");
        DocumentKey section = guide.section("infarctus");
        DocumentKey glossary = DocumentKey.of(DIR + "/glossaire/MCO");
        String code = CIM + ":I21";
        docs.write(new DocumentationPage(DIR + "/fiches/sejours.md", "v1", List.of(
                new Document(guide, "Les séjours", "Les séjours", "Les séjours sont dans la table.", List.of("Hôpital"),
                        DIR + "/fiches/sejours.md", 1, Optional.empty(), 0),
                new Document(section, "Repérer un infarctus", "Les séjours", "Par le diagnostic DGN=I21.", List.of("Hôpital"),
                        DIR + "/fiches/sejours.md", 5, Optional.of(guide), 1)),
                Optional.empty(),
                List.of(new Mention(guide, new MentionTarget(EntryKind.TABLE, SEJ.value()), 3, SEJ.value(),
                                "Les séjours sont dans la table " + SEJ),
                        new Mention(section, new MentionTarget(EntryKind.VARIABLE, SEJ + ".DGN"), 7, "DGN", "Par le diagnostic DGN=I21"),
                        new Mention(section, new MentionTarget(EntryKind.CODE, code), 7, "DGN=I21", "Par le diagnostic DGN=I21")),
                List.of(new PageLink(guide, glossary, 3))));
        docs.write(new DocumentationPage(DIR + "/glossaire/MCO.md", "v1", List.of(
                new Document(glossary, "MCO - Médecine, Chirurgie, Obstétrique", "", "Le court séjour.", List.of(),
                        DIR + "/glossaire/MCO.md", 1, Optional.empty(), 0)),
                Optional.of(new Term(P + "MCO", Optional.of(P + "MCO"), Optional.of("Médecine, Chirurgie, Obstétrique"),
                        "Le court séjour.", glossary)),
                List.of(), List.of()));
    }

    private ExecutionGraphQlResponse run(String document) {
        return graphQl.execute(new DefaultExecutionGraphQlRequest(document, null, Map.of(), Map.of(),
                UUID.randomUUID().toString(), null)).block();
    }

    @Test
    void aTableAVariableAndACodeListTheSectionsThatNameThem() {
        ExecutionGraphQlResponse r = run("{ table(name: \"" + SEJ + "\") { documentation { path page anchor title passage } }"
                + " variable(table: \"" + SEJ + "\", name: \"DGN\") { documentation { path title } }"
                + " code(key: \"" + CIM + ":I21\") { documentation { path anchor title passage line } } }");

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("table.documentation[0].page").<String>getValue()).isEqualTo(DIR + "/fiches/sejours");
        assertThat(r.field("table.documentation[0].anchor").<String>getValue()).isNull();
        assertThat(r.field("table.documentation[0].passage").<String>getValue()).contains("Les séjours sont dans la table");
        assertThat(r.field("variable.documentation[0].title").<String>getValue()).isEqualTo("Les séjours › Repérer un infarctus");
        assertThat(r.field("code.documentation[0].path").<String>getValue()).isEqualTo(DIR + "/fiches/sejours#infarctus");
        assertThat(r.field("code.documentation[0].line").<Integer>getValue()).isEqualTo(7);
    }

    @Test
    void aPageWithItsSectionsTypedMentionsAndLinksBothWays() {
        ExecutionGraphQlResponse r = run("{ document(path: \"/" + DIR + "/fiches/sejours.md#infarctus\") { path page title tags"
                + " sections { anchor title depth text } mentions { kind key path line } linksTo { path title } }"
                + " glossary: document(path: \"" + DIR + "/glossaire/MCO\") { linkedFrom { path title } term { acronym expansion } }"
                + " missing: document(path: \"" + DIR + "/nulle-part\") { path } }");

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("document.page").<String>getValue()).isEqualTo(DIR + "/fiches/sejours");
        assertThat(r.field("document.path").<String>getValue()).isEqualTo(DIR + "/fiches/sejours#infarctus");
        assertThat(r.field("document.sections[0].depth").<Integer>getValue()).isEqualTo(1);
        assertThat(r.field("document.sections[0].text").<String>getValue()).isEqualTo("Par le diagnostic DGN=I21.");
        assertThat(r.field("document.mentions").<List<Map<String, Object>>>getValue()).extracting(m -> m.get("kind"))
                .containsExactly("TABLE", "VARIABLE", "CODE");
        assertThat(r.field("document.linksTo[0].title").<String>getValue()).isEqualTo("MCO - Médecine, Chirurgie, Obstétrique");
        assertThat(r.field("glossary.linkedFrom[0].path").<String>getValue()).isEqualTo(DIR + "/fiches/sejours");
        assertThat(r.field("glossary.term.expansion").<String>getValue()).isEqualTo("Médecine, Chirurgie, Obstétrique");
        assertThat(r.field("missing").<Object>getValue()).isNull();
    }

    @Test
    void theGlossaryByPrefixOfItsNameOrExpansionAndATermByItsAcronym() {
        ExecutionGraphQlResponse r = run("{ byName: glossary(prefix: \"" + P.toLowerCase() + "m\") { totalCount edges { node { name path } } }"
                + " byExpansion: glossary(prefix: \"medecine, chir\") { edges { node { name } } }"
                + " term(acronym: \"" + P.toLowerCase() + "mco\") { name definition }"
                + " none: term(acronym: \"" + P + "XYZ\") { name } }");

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("byName.totalCount").<Integer>getValue()).isEqualTo(1);
        assertThat(r.field("byName.edges[0].node.path").<String>getValue()).isEqualTo(DIR + "/glossaire/MCO");
        assertThat(r.field("byExpansion.edges").<List<Map<String, Object>>>getValue())
                .anySatisfy(e -> assertThat(e.toString()).contains(P + "MCO"));
        assertThat(r.field("term.definition").<String>getValue()).isEqualTo("Le court séjour.");
        assertThat(r.field("none").<Object>getValue()).isNull();
    }
}

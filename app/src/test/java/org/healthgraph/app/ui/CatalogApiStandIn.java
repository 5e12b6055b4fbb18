package org.healthgraph.app.ui;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodePage;
import org.healthgraph.catalog.JoinHop;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.UnknownCatalogEntryException;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graphql.errors.ClientError;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The catalog's GraphQL fields that the web interface reads ({@code table}, {@code variable},
 * {@code nomenclature}, {@code joinPath}), served from the real catalog, for as long as the graphql
 * module does not have them: it steps aside as soon as {@code graphql/catalog.graphqls} is on the
 * class path, and the interface then runs against the real fields (ui/web/src/queries.ts holds the
 * names it expects).
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(CatalogApiStandIn.WhenTheApiLacksTheCatalog.class)
class CatalogApiStandIn {

    static final String SCHEMA = """
            extend type Query {
                "A table by name."
                table(name: String!): CatalogTable
                "A variable by table and name."
                variable(table: String!, name: String!): CatalogVariable
                "A code list by name."
                nomenclature(name: String!): CatalogNomenclature
                "The shortest join paths between two tables."
                joinPath(from: String!, to: String!, maxHops: Int = 6): CatalogJoinPathResult!
            }
            type CatalogTable { name: String! title: String! dataset: String! primaryKey: [String!]!
                variables: [CatalogVariable!]! joins: [CatalogJoin!]! }
            type CatalogVariable { key: String! table: String! name: String! position: Int! description: String!
                type: String! length: String! format: String! nomenclature: String }
            type CatalogJoin { from: String! to: String! keys: [CatalogKeyPair!]! }
            type CatalogKeyPair { left: String! right: String! }
            type CatalogNomenclature { name: String! title: String! source: String! columns: [CatalogColumn!]!
                variables: [CatalogVariable!]! codes(first: Int = 20, after: String): CatalogCodeConnection! }
            type CatalogColumn { name: String! type: String! role: String! }
            type CatalogCodeConnection { edges: [CatalogCodeEdge!]! pageInfo: PageInfo! totalCount: Int! }
            type CatalogCodeEdge { cursor: String! node: CatalogCode! }
            type CatalogCode { code: String! label: String! columns: [CatalogCodeColumn!]! }
            type CatalogCodeColumn { name: String! value: String! }
            type CatalogJoinPathResult { from: String! to: String! paths: [CatalogJoinPath!]! }
            type CatalogJoinPath { hops: [CatalogJoin!]! }
            """;

    /** Matches while the application's schema has no catalog file. */
    static final class WhenTheApiLacksTheCatalog implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getResourceLoader().getResource("classpath:graphql/catalog.graphqls").exists();
        }
    }

    @Bean
    GraphQlSourceBuilderCustomizer catalogStandInSchema() {
        return builder -> builder.schemaResources(new ByteArrayResource(SCHEMA.getBytes(StandardCharsets.UTF_8), "catalog stand-in"));
    }

    record TableView(String name, String title, String dataset, List<String> primaryKey, List<VariableView> variables,
            List<JoinView> joins) {
    }

    record VariableView(String key, String table, String name, int position, String description, String type,
            String length, String format, String nomenclature) {
    }

    record JoinView(String from, String to, List<KeyPair> keys) {
    }

    record NomenclatureView(String name, String title, String source, List<ColumnView> columns, List<VariableView> variables) {
    }

    record ColumnView(String name, String type, String role) {
    }

    record CodeConnection(List<CodeEdge> edges, PageInfo pageInfo, long totalCount) {
    }

    record CodeEdge(String cursor, CodeView node) {
    }

    record CodeView(String code, String label, List<CodeColumn> columns) {
    }

    record CodeColumn(String name, String value) {
    }

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    record JoinPathView(String from, String to, List<PathView> paths) {
    }

    record PathView(List<JoinView> hops) {
    }

    /** The fields; registered as a member of the configuration, so only when the configuration is. */
    @Controller
    static final class CatalogFields {

        private final Catalog catalog;

        CatalogFields(GraphStore store) {
            this.catalog = Catalogs.reader(store);
        }

        @QueryMapping
        Optional<TableView> table(@Argument String name) {
            return catalog.table(TableName.of(name)).map(t -> new TableView(t.name().value(), t.title(), t.dataset(),
                    t.primaryKey(), catalog.variables(t.name()).stream().map(CatalogFields::variable).toList(),
                    catalog.joins(t.name()).stream().map(j -> new JoinView(j.from().value(), j.to().value(), j.keys())).toList()));
        }

        @QueryMapping
        Optional<VariableView> variable(@Argument String table, @Argument String name) {
            return catalog.variable(VariableRef.of(table, name)).map(CatalogFields::variable);
        }

        @QueryMapping
        Optional<NomenclatureView> nomenclature(@Argument String name) {
            NomenclatureName id = NomenclatureName.of(name);
            return catalog.nomenclature(id).map(n -> new NomenclatureView(n.name().value(), n.title(), n.source(),
                    n.columns().stream().map(c -> new ColumnView(c.name(), c.type(), c.role().name())).toList(),
                    catalog.variablesCodedBy(id).stream().flatMap(r -> catalog.variable(r).stream())
                            .map(CatalogFields::variable).toList()));
        }

        @SchemaMapping(typeName = "CatalogNomenclature", field = "codes")
        CodeConnection codes(NomenclatureView nomenclature, @Argument Integer first, @Argument String after) {
            CodePage page = catalog.codes(NomenclatureName.of(nomenclature.name()), first == null ? 20 : first,
                    Optional.ofNullable(after));
            List<CodeEdge> edges = page.codes().stream().map(c -> new CodeEdge(c.ref().code(), code(c))).toList();
            return new CodeConnection(edges, new PageInfo(page.hasNextPage(), after != null,
                    edges.isEmpty() ? null : edges.getFirst().cursor(), page.endCursor().orElse(null)), page.totalCount());
        }

        @QueryMapping
        JoinPathView joinPath(@Argument String from, @Argument String to, @Argument Integer maxHops) {
            try {
                var result = catalog.joinPaths(TableName.of(from), TableName.of(to), maxHops == null ? 6 : maxHops);
                return new JoinPathView(from, to, result.paths().stream()
                        .map(p -> new PathView(p.hops().stream().map(CatalogFields::hop).toList())).toList());
            } catch (UnknownCatalogEntryException e) {
                throw ClientError.notFound(e.getMessage());
            }
        }

        private static JoinView hop(JoinHop h) {
            return new JoinView(h.from().value(), h.to().value(), h.keys());
        }

        private static CodeView code(Code c) {
            return new CodeView(c.ref().code(), c.label(),
                    c.columns().entrySet().stream().map(e -> new CodeColumn(e.getKey(), e.getValue())).toList());
        }

        private static VariableView variable(org.healthgraph.catalog.Variable v) {
            return new VariableView(v.ref().key(), v.ref().table().value(), v.ref().name(), v.position(),
                    v.description(), v.type(), v.length(), v.format(),
                    v.codedBy().map(c -> c.nomenclature().value()).orElse(null));
        }
    }
}

package org.healthgraph.graphql.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.JoinNeighbourhood;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.UnknownCatalogEntryException;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graphql.catalog.CatalogViews.CodeView;
import org.healthgraph.graphql.catalog.CatalogViews.DatasetView;
import org.healthgraph.graphql.catalog.CatalogViews.JoinView;
import org.healthgraph.graphql.catalog.CatalogViews.NomenclatureView;
import org.healthgraph.graphql.catalog.CatalogViews.TableView;
import org.healthgraph.graphql.catalog.CatalogViews.VariableView;
import org.healthgraph.graphql.errors.ClientError;
import org.healthgraph.graphql.node.GlobalId;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The catalog as a graph one can walk: global ids and {@code node(id)}, the join graph around a
 * table, and the links between variables, code lists, codes and tables. Nested fields go through
 * {@link CatalogLoaders}, so a deep query costs a few round trips whatever its width.
 */
@Controller
public final class CatalogNavigationController {

    /** Lists of variables are paged in key order, so that a cursor means the same from page to page. */
    private static final Comparator<VariableView> BY_KEY = Comparator.comparing(VariableView::key);

    /** The tables a join graph holds at most. */
    static final int MAX_TABLES = 500;

    /** A join graph, as the GraphQL type JoinGraph. */
    record JoinGraphView(TableView centre, List<TableView> tables, List<JoinView> joins, boolean truncated) {
    }

    private final Catalog catalog;

    public CatalogNavigationController(Catalog catalog) {
        this.catalog = catalog;
    }

    @QueryMapping
    public Object node(@Argument String id) {
        GlobalId global = GlobalId.decode(id);
        try {
            return switch (global.type()) {
                case "Dataset" -> catalog.dataset(global.key()).map(DatasetView::of).orElse(null);
                case "Table" -> catalog.table(TableName.of(global.key())).map(TableView::of).orElse(null);
                case "Variable" -> catalog.variable(VariableRef.parse(global.key())).map(VariableView::of).orElse(null);
                case "Nomenclature" -> catalog.nomenclature(NomenclatureName.of(global.key())).map(NomenclatureView::of)
                        .orElse(null);
                case "Code" -> catalog.code(CodeRef.parse(global.key())).map(CodeView::of).orElse(null);
                default -> null;
            };
        } catch (CatalogException e) {
            return null; // a well-formed id whose key does not fit its type designates nothing
        }
    }

    @QueryMapping
    public JoinGraphView neighbourhood(@Argument String table, @Argument Integer depth, @Argument Integer limit) {
        int d = depth == null ? 1 : depth;
        int l = limit == null ? 100 : limit;
        if (d < 1 || d > 4) {
            throw ClientError.badRequest("argument 'depth' must be between 1 and 4, got " + d);
        }
        if (l < 1 || l > MAX_TABLES) {
            throw ClientError.badRequest("argument 'limit' must be between 1 and " + MAX_TABLES + ", got " + l);
        }
        TableName name = TableName.of(table);
        JoinNeighbourhood hood;
        try {
            hood = catalog.neighbourhood(name, d, l);
        } catch (UnknownCatalogEntryException e) {
            return null;
        }
        List<TableView> tables = hood.tables().stream().map(TableView::of).toList();
        return new JoinGraphView(tables.getFirst(), tables, hood.joins().stream().map(JoinView::of).toList(),
                hood.truncated());
    }

    @SchemaMapping(typeName = "Dataset", field = "id")
    public String datasetId(DatasetView dataset) {
        return GlobalId.of("Dataset", dataset.name());
    }

    @SchemaMapping(typeName = "Table", field = "id")
    public String tableId(TableView table) {
        return GlobalId.of("Table", table.name());
    }

    @SchemaMapping(typeName = "Variable", field = "id")
    public String variableId(VariableView variable) {
        return GlobalId.of("Variable", variable.key());
    }

    @SchemaMapping(typeName = "Nomenclature", field = "id")
    public String nomenclatureId(NomenclatureView nomenclature) {
        return GlobalId.of("Nomenclature", nomenclature.name());
    }

    @SchemaMapping(typeName = "Code", field = "id")
    public String codeId(CodeView code) {
        return GlobalId.of("Code", code.key());
    }

    @SchemaMapping(typeName = "Variable", field = "inTable")
    public CompletableFuture<TableView> variableTable(VariableView variable, DataLoader<String, TableView> catalogTables) {
        return catalogTables.load(variable.table());
    }

    @SchemaMapping(typeName = "Variable", field = "sameName")
    public CompletableFuture<Connection<VariableView>> variableSameName(VariableView variable, @Argument Integer first,
            @Argument String after, DataLoader<String, List<VariableView>> catalogVariablesNamed) {
        PageRequest page = PageRequest.of(first, after);
        return catalogVariablesNamed.load(variable.name()).thenApply(all -> Connection.of(CatalogLoaders.orEmpty(all).stream()
                .filter(v -> !v.key().equals(variable.key())).sorted(BY_KEY).toList(), page));
    }

    @SchemaMapping(typeName = "Nomenclature", field = "codedVariables")
    public CompletableFuture<Connection<VariableView>> nomenclatureVariables(NomenclatureView nomenclature,
            @Argument Integer first, @Argument String after, DataLoader<String, List<VariableView>> catalogVariablesCodedBy) {
        return variablesCodedBy(nomenclature.name(), first, after, catalogVariablesCodedBy);
    }

    private static CompletableFuture<Connection<VariableView>> variablesCodedBy(String nomenclature, Integer first,
            String after, DataLoader<String, List<VariableView>> catalogVariablesCodedBy) {
        PageRequest page = PageRequest.of(first, after);
        return catalogVariablesCodedBy.load(nomenclature)
                .thenApply(all -> Connection.of(CatalogLoaders.orEmpty(all).stream().sorted(BY_KEY).toList(), page));
    }

    @SchemaMapping(typeName = "Code", field = "codeList")
    public CompletableFuture<NomenclatureView> codeList(CodeView code, DataLoader<String, NomenclatureView> catalogNomenclatures) {
        return catalogNomenclatures.load(code.nomenclature());
    }

    @SchemaMapping(typeName = "Code", field = "variables")
    public CompletableFuture<Connection<VariableView>> codeVariables(CodeView code, @Argument Integer first,
            @Argument String after, DataLoader<String, List<VariableView>> catalogVariablesCodedBy) {
        return variablesCodedBy(code.nomenclature(), first, after, catalogVariablesCodedBy);
    }

    @SchemaMapping(typeName = "Join", field = "fromTable")
    public CompletableFuture<TableView> joinFrom(JoinView join, DataLoader<String, TableView> catalogTables) {
        return catalogTables.load(join.from());
    }

    @SchemaMapping(typeName = "Join", field = "toTable")
    public CompletableFuture<TableView> joinTo(JoinView join, DataLoader<String, TableView> catalogTables) {
        return catalogTables.load(join.to());
    }
}

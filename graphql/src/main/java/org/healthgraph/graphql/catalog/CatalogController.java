package org.healthgraph.graphql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.CodeFilter;
import org.healthgraph.catalog.CodePage;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graphql.catalog.CatalogViews.ChangeView;
import org.healthgraph.graphql.catalog.CatalogViews.CodeView;
import org.healthgraph.graphql.catalog.CatalogViews.DatasetView;
import org.healthgraph.graphql.catalog.CatalogViews.JoinPathResultView;
import org.healthgraph.graphql.catalog.CatalogViews.JoinView;
import org.healthgraph.graphql.catalog.CatalogViews.NomenclatureView;
import org.healthgraph.graphql.catalog.CatalogViews.TableView;
import org.healthgraph.graphql.catalog.CatalogViews.VariableView;
import org.healthgraph.graphql.errors.ClientError;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the catalog's queries and the fields of its types. */
@Controller
public final class CatalogController {

    private static final String CODE_CURSOR = "c:";

    private final Catalog catalog;

    public CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @QueryMapping
    public CatalogStats catalogStats() {
        return catalog.stats();
    }

    @QueryMapping
    public Connection<DatasetView> datasets(@Argument Integer first, @Argument String after) {
        PageRequest page = PageRequest.of(first, after);
        return Connection.of(catalog.datasets(), page).map(DatasetView::of);
    }

    @QueryMapping
    public DatasetView dataset(@Argument String name) {
        return catalog.dataset(name).map(DatasetView::of).orElse(null);
    }

    @SchemaMapping(typeName = "Dataset", field = "tables")
    public CompletableFuture<Connection<TableView>> datasetTables(DatasetView dataset, @Argument Integer first,
            @Argument String after, DataLoader<String, List<TableView>> catalogTablesOfDatasets) {
        PageRequest page = PageRequest.of(first, after);
        return catalogTablesOfDatasets.load(dataset.name()).thenApply(all -> Connection.of(CatalogLoaders.orEmpty(all), page));
    }

    @QueryMapping
    public TableView table(@Argument String name) {
        return catalog.table(TableName.of(name)).map(TableView::of).orElse(null);
    }

    @QueryMapping
    public VariableView variable(@Argument String table, @Argument String name) {
        return catalog.variable(VariableRef.of(table, name)).map(VariableView::of).orElse(null);
    }

    @QueryMapping
    public NomenclatureView nomenclature(@Argument String name) {
        return catalog.nomenclature(NomenclatureName.of(name)).map(NomenclatureView::of).orElse(null);
    }

    @QueryMapping
    public CodeView code(@Argument String key) {
        return catalog.code(CodeRef.parse(key)).map(CodeView::of).orElse(null);
    }

    @QueryMapping
    public JoinPathResultView joinPath(@Argument String from, @Argument String to, @Argument Integer maxHops) {
        return JoinPathResultView.of(
                catalog.joinPaths(TableName.of(from), TableName.of(to), maxHops == null ? 4 : maxHops));
    }

    /** Variables of all the tables of a request are read at once (data loader), then paged per table. */
    @SchemaMapping(typeName = "Table", field = "variables")
    public CompletableFuture<Connection<VariableView>> tableVariables(TableView table, @Argument Integer first,
            @Argument String after, DataLoader<String, List<VariableView>> catalogVariablesOfTables) {
        PageRequest page = PageRequest.of(first, after);
        return catalogVariablesOfTables.load(table.name())
                .thenApply(all -> Connection.of(CatalogLoaders.orEmpty(all), page));
    }

    @SchemaMapping(typeName = "Table", field = "joins")
    public CompletableFuture<Connection<JoinView>> tableJoins(TableView table, @Argument Integer first,
            @Argument String after, DataLoader<String, List<JoinView>> catalogJoinsOfTables) {
        PageRequest page = PageRequest.of(first, after);
        return catalogJoinsOfTables.load(table.name()).thenApply(all -> Connection.of(CatalogLoaders.orEmpty(all), page));
    }

    @SchemaMapping(typeName = "Variable", field = "nomenclature")
    public CompletableFuture<NomenclatureView> variableNomenclature(VariableView variable,
            DataLoader<String, NomenclatureView> catalogNomenclatures) {
        return variable.nomenclatureName() == null ? CompletableFuture.completedFuture(null)
                : catalogNomenclatures.load(variable.nomenclatureName());
    }

    @SchemaMapping(typeName = "Variable", field = "changes")
    public Connection<ChangeView> variableChanges(VariableView variable, @Argument Integer first, @Argument String after) {
        PageRequest page = PageRequest.of(first, after);
        return Connection.of(catalog.history(VariableRef.parse(variable.key())), page).map(ChangeView::of);
    }

    @SchemaMapping(typeName = "Nomenclature", field = "variables")
    public List<String> nomenclatureVariables(NomenclatureView nomenclature) {
        return catalog.variablesCodedBy(NomenclatureName.of(nomenclature.name())).stream().map(VariableRef::key).toList();
    }

    /** The {@code CodeFilter} input; absent parts are null. */
    public record CodeFilterInput(String prefix, String text, String startAt) {
    }

    /**
     * Codes are paged by key (the code after which the page starts), so a page costs the same anywhere in a
     * long list; a filter is read by the store. A cursor continues a page, so the start code only places the
     * first page.
     */
    @SchemaMapping(typeName = "Nomenclature", field = "codes")
    public Connection<CodeView> nomenclatureCodes(NomenclatureView nomenclature, @Argument Integer first,
                                                  @Argument String after, @Argument CodeFilterInput filter) {
        int size = first == null ? PageRequest.DEFAULT_FIRST : first;
        if (size < 0 || size > PageRequest.MAX_FIRST) {
            throw ClientError.badRequest("argument 'first' must be between 0 and " + PageRequest.MAX_FIRST + ", got " + size);
        }
        Optional<String> from = after == null || after.isEmpty() ? Optional.empty() : Optional.of(decode(after));
        CodeFilter codeFilter = filter == null ? CodeFilter.NONE : CodeFilter.of(Optional.ofNullable(filter.prefix()),
                Optional.ofNullable(filter.text()), from.isPresent() ? Optional.empty() : Optional.ofNullable(filter.startAt()));
        CodePage page = catalog.codes(NomenclatureName.of(nomenclature.name()), codeFilter, Math.max(1, size), from);
        List<Connection.Edge<CodeView>> edges = new ArrayList<>();
        page.codes().stream().limit(size).forEach(c -> edges.add(new Connection.Edge<>(encode(c.ref().code()), CodeView.of(c))));
        // With first: 0 one code is still read, only to tell whether any follows the cursor.
        boolean hasNext = size == 0 ? !page.codes().isEmpty() : page.hasNextPage();
        boolean hasPrevious = from.isPresent() || codeFilter.startAt().isPresent();
        return new Connection<>(edges, new Connection.PageInfo(hasNext, hasPrevious,
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()),
                page.totalCount());
    }

    @SchemaMapping(typeName = "Code", field = "parents")
    public List<CodeView> codeParents(CodeView code) {
        return catalog.parents(CodeRef.parse(code.key())).stream().map(CodeView::of).toList();
    }

    @SchemaMapping(typeName = "Code", field = "children")
    public List<CodeView> codeChildren(CodeView code) {
        return catalog.children(CodeRef.parse(code.key())).stream().map(CodeView::of).toList();
    }

    private static String encode(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CODE_CURSOR + code).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CODE_CURSOR)) {
                return text.substring(CODE_CURSOR.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the client error below
        }
        throw ClientError.badRequest("argument 'after' is not a code cursor returned by this API: '" + cursor + "'");
    }

}

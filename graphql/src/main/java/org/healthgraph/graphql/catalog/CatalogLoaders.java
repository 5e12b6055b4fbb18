package org.healthgraph.graphql.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.TableName;
import org.healthgraph.graphql.catalog.CatalogViews.JoinView;
import org.healthgraph.graphql.catalog.CatalogViews.NomenclatureView;
import org.healthgraph.graphql.catalog.CatalogViews.TableView;
import org.healthgraph.graphql.catalog.CatalogViews.VariableView;
import org.springframework.graphql.execution.BatchLoaderRegistry;

import reactor.core.publisher.Mono;

/**
 * The data loaders of the catalog's nested fields: within one request, every field of the same kind
 * (the variables of 20 tables, the code lists of 300 variables) is read in one round trip to the
 * store, whatever the number of parents. Loaders are named; controllers take them as parameters of
 * the same name.
 */
public final class CatalogLoaders {

    static final String TABLES = "catalogTables";
    static final String TABLES_OF_DATASETS = "catalogTablesOfDatasets";
    static final String VARIABLES_OF_TABLES = "catalogVariablesOfTables";
    static final String JOINS_OF_TABLES = "catalogJoinsOfTables";
    static final String NOMENCLATURES = "catalogNomenclatures";
    static final String VARIABLES_CODED_BY = "catalogVariablesCodedBy";
    static final String VARIABLES_NAMED = "catalogVariablesNamed";

    public CatalogLoaders(BatchLoaderRegistry registry, Catalog catalog) {
        register(registry, TABLES, keys -> convert(catalog.tables(keys.stream().map(TableName::of).toList()),
                TableName::value, TableView::of));
        register(registry, TABLES_OF_DATASETS, keys -> convertLists(catalog.tablesOfDatasets(keys), k -> k, TableView::of));
        register(registry, VARIABLES_OF_TABLES, keys -> convertLists(
                catalog.variablesOfTables(keys.stream().map(TableName::of).toList()), TableName::value, VariableView::of));
        register(registry, JOINS_OF_TABLES, keys -> convertLists(
                catalog.joinsOfTables(keys.stream().map(TableName::of).toList()), TableName::value, JoinView::of));
        register(registry, NOMENCLATURES, keys -> convert(
                catalog.nomenclatures(keys.stream().map(NomenclatureName::of).toList()), NomenclatureName::value,
                NomenclatureView::of));
        register(registry, VARIABLES_CODED_BY, keys -> convertLists(
                catalog.variablesCodedBy(keys.stream().map(NomenclatureName::of).toList()), NomenclatureName::value,
                VariableView::of));
        register(registry, VARIABLES_NAMED, keys -> convertLists(catalog.variablesNamed(keys), k -> k, VariableView::of));
    }

    private static <V> void register(BatchLoaderRegistry registry, String name,
                                     Function<Set<String>, Map<String, V>> load) {
        registry.<String, V>forName(name).registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> load.apply(keys)));
    }

    private static <K, T, V> Map<String, V> convert(Map<K, T> in, Function<K, String> key, Function<T, V> view) {
        Map<String, V> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(key.apply(k), view.apply(v)));
        return out;
    }

    private static <K, T, V> Map<String, List<V>> convertLists(Map<K, List<T>> in, Function<K, String> key,
                                                              Function<T, V> view) {
        Map<String, List<V>> out = new LinkedHashMap<>();
        in.forEach((k, list) -> out.put(key.apply(k), list.stream().map(view).toList()));
        return out;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

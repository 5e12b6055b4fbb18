package org.healthgraph.catalog.search;

import java.util.Set;

/**
 * Filters on facet values; an empty set means "no filter". Values within one set are alternatives
 * (OR); sets are combined with AND. A value that matches nothing gives an empty result.
 */
public record SearchFilters(
        Set<DocumentKind> kinds,
        Set<String> products,
        Set<String> tables,
        Set<String> nomenclatures,
        Set<String> types,
        Set<Integer> years) {

    /** No filter. */
    public static final SearchFilters NONE = new SearchFilters(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public SearchFilters {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        products = products == null ? Set.of() : Set.copyOf(products);
        tables = tables == null ? Set.of() : Set.copyOf(tables);
        nomenclatures = nomenclatures == null ? Set.of() : Set.copyOf(nomenclatures);
        types = types == null ? Set.of() : Set.copyOf(types);
        years = years == null ? Set.of() : Set.copyOf(years);
    }

    /** Only documents of these kinds. */
    public static SearchFilters ofKinds(DocumentKind... kinds) {
        return NONE.withKinds(Set.of(kinds));
    }

    public SearchFilters withKinds(Set<DocumentKind> k) {
        return new SearchFilters(k, products, tables, nomenclatures, types, years);
    }

    public SearchFilters withProducts(Set<String> p) {
        return new SearchFilters(kinds, p, tables, nomenclatures, types, years);
    }

    public SearchFilters withTables(Set<String> t) {
        return new SearchFilters(kinds, products, t, nomenclatures, types, years);
    }

    public SearchFilters withNomenclatures(Set<String> n) {
        return new SearchFilters(kinds, products, tables, n, types, years);
    }

    public SearchFilters withTypes(Set<String> t) {
        return new SearchFilters(kinds, products, tables, nomenclatures, t, years);
    }

    public SearchFilters withYears(Set<Integer> y) {
        return new SearchFilters(kinds, products, tables, nomenclatures, types, y);
    }

    /** True when nothing is filtered. */
    public boolean isEmpty() {
        return kinds.isEmpty() && products.isEmpty() && tables.isEmpty() && nomenclatures.isEmpty()
                && types.isEmpty() && years.isEmpty();
    }
}

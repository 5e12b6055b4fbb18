/**
 * The metadata catalog: what data exists (datasets, tables, variables, code lists and their codes)
 * and how tables fit together (joins and join paths). Identifiers are validated value types
 * ({@link org.healthgraph.catalog.TableName}, {@link org.healthgraph.catalog.VariableRef},
 * {@link org.healthgraph.catalog.NomenclatureName}, {@link org.healthgraph.catalog.CodeRef}); the
 * {@link org.healthgraph.catalog.Catalog} reads the catalog back from the graph, the
 * {@link org.healthgraph.catalog.CatalogWriter} writes it one transaction per unit (one source file)
 * and tells {@link org.healthgraph.catalog.CatalogChangeListener}s what changed. Both are opened with
 * {@link org.healthgraph.catalog.Catalogs}; their graph implementation lives in {@code internal}.
 */
package org.healthgraph.catalog;

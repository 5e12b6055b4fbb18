/**
 * Where the catalog is kept: {@link org.healthgraph.catalog.store.CatalogStore}, its transaction
 * {@link org.healthgraph.catalog.store.CatalogTransaction}, and {@link org.healthgraph.catalog.store.CatalogStores},
 * which picks the implementation for the graph's backend ({@code internal.neo4j}: Cypher;
 * {@code internal.gremlin}: Gremlin traversals). No query text lives outside those two packages.
 */
package org.healthgraph.catalog.store;

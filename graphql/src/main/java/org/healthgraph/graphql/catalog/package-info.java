/**
 * The catalog's part of the GraphQL API: catalog statistics, tables, variables, code lists with their
 * codes (cursor-paged), and join paths, resolved over the {@link org.healthgraph.catalog.Catalog}.
 */
package org.healthgraph.graphql.catalog;

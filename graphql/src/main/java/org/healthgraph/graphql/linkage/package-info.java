/**
 * The linkage part of the API: runs kept in the graph, their pairs with waterfalls, and the clerical
 * review mutation ({@code linkage.graphqls}, docs/linkage.md).
 */
package org.healthgraph.graphql.linkage;

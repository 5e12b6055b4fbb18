/**
 * Relay-style cursor pagination shared by every list field that can grow: page requests validated
 * against the maximum page size, opaque cursors, and connections with edges, page info and total.
 */
package org.healthgraph.graphql.paging;

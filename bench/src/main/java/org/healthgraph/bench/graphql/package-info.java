/** Load benchmark of the GraphQL API over HTTP on loopback. */
package org.healthgraph.bench.graphql;

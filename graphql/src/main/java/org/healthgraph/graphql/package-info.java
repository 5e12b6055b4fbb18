/**
 * The GraphQL API: schema files under {@code graphql/} on the classpath (one per capability, each
 * extending {@code Query}), Spring for GraphQL controllers per capability package, and the shared
 * error mapping and limits. The domain modules never see GraphQL types.
 */
package org.healthgraph.graphql;

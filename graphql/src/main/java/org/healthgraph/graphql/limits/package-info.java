/**
 * Limits against abusive queries: maximum depth, maximum complexity (each field costs one, a list
 * field costs its page size times its selection), and a request timeout. Each limit is a setting
 * under {@code healthgraph.graphql.*}.
 */
package org.healthgraph.graphql.limits;

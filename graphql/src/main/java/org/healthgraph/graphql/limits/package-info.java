/**
 * Limits against abusive queries: maximum depth, maximum complexity (each field costs one, a list
 * field costs its page size times its selection, each alias counted as its own field), a request
 * timeout, and a cap on the serialized size of a response ({@link org.healthgraph.graphql.limits.ResponseSizeLimit}). Each limit is a setting
 * under {@code healthgraph.graphql.*}.
 */
package org.healthgraph.graphql.limits;

/**
 * Global object identification: every catalog object has an opaque global {@code id} that
 * {@code Query.node(id)} resolves, whatever its type.
 */
package org.healthgraph.graphql.node;

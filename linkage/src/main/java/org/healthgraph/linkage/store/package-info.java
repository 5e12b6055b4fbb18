/**
 * Where linkage output is kept: {@link org.healthgraph.linkage.store.LinkStore} (records, patients and
 * their {@code LINKED_TO} links, written and read back by record, patient or source) and
 * {@link org.healthgraph.linkage.store.LinkStores}, which picks the implementation for the graph's
 * backend. No query text lives outside {@code internal.neo4j} and {@code internal.gremlin}.
 */
package org.healthgraph.linkage.store;

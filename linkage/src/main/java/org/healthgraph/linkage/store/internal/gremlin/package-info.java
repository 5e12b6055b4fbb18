/** The link store on a Gremlin graph: reads of {@code LINKED_TO} as traversals built with TinkerPop's Java API. */
package org.healthgraph.linkage.store.internal.gremlin;

package org.healthgraph.catalog.archfixture;

import org.healthgraph.graph.internal.neo4j.EmbeddedNeo4j;

/**
 * A deliberate violation for the architecture test: a class of the catalog module's package space
 * that reaches into the graph module's internal package. Compiled with the app's tests only.
 */
public final class ForbiddenInternalUse {

    private ForbiddenInternalUse() {
    }

    static Class<?> embedded() {
        return EmbeddedNeo4j.class;
    }
}

package org.healthgraph.graph.archfixture;

import org.healthgraph.app.HealthgraphApplication;

/**
 * A deliberate violation for the architecture test: a class of the graph module's package space
 * that uses the app module. Compiled with the app's tests only; production code never sees it.
 */
public final class ForbiddenUpwardUse {

    private ForbiddenUpwardUse() {
    }

    static Class<?> application() {
        return HealthgraphApplication.class;
    }
}

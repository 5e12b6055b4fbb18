package org.healthgraph.catalog.archfixture;

import org.healthgraph.catalog.search.internal.Analysis;

/**
 * A deliberate violation for the architecture test: a class of the catalog module's package space,
 * outside {@code catalog.search}, that uses {@code catalog.search.internal}, which serves only
 * {@code catalog.search}. Compiled with the app's tests only.
 */
public final class ForbiddenSiblingInternalUse {

    private ForbiddenSiblingInternalUse() {
    }

    static Class<?> analysis() {
        return Analysis.class;
    }
}

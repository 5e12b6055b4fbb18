package org.healthgraph.catalog.documentation;

/** Told after each committed documentation change (to keep a search index current). */
@FunctionalInterface
public interface DocumentationListener {

    void changed(DocumentationChange change);
}

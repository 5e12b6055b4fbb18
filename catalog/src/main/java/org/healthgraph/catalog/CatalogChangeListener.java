package org.healthgraph.catalog;

/**
 * Told after each committed catalog transaction what it changed, so that a search index can be
 * kept current: read the changed entries with {@link Catalog#entries} and re-index them. Called on
 * the writing thread after the commit; a listener that throws is logged and does not undo the write.
 */
@FunctionalInterface
public interface CatalogChangeListener {

    void committed(CatalogChange change);
}

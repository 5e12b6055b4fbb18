package org.healthgraph.catalog.documentation;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes documentation pages, one page a transaction, idempotently: a page written twice leaves the
 * store as after the first write, and writing a page replaces what the same file wrote before.
 */
public interface DocumentationWriter {

    /** Creates the constraints and indexes the documentation needs; idempotent. */
    void ensureSchema();

    /**
     * Writes one page (skipped when its fingerprint is already recorded) and, after it commits, tells
     * the listeners.
     */
    DocumentationChange write(DocumentationPage page);

    /**
     * Writes several pages in one transaction (each skipped when its fingerprint is already recorded):
     * all of them or, when one fails, none; after it commits, tells the listeners once. An importer
     * writes a folder in batches of bounded size this way, and a batch that fails page by page with
     * {@link #write(DocumentationPage)}, so that only the failing page is lost.
     *
     * @return the change of each page, in their order
     */
    default List<DocumentationChange> writeAll(List<DocumentationPage> pages) {
        return pages.stream().map(this::write).toList();
    }

    /** Removes the pages read from these files, with their sections, mentions, links and term. */
    DocumentationChange deletePages(Collection<String> sourcePaths);

    /**
     * Writes {@code pages} and removes the pages read from {@code removedSourcePaths} in one
     * transaction: all of it or, when anything fails, nothing; after it commits, tells the listeners
     * (an import with {@code --atomic}). The default writes, then removes: enough for a store that
     * cannot fail half-way, such as the in-memory one; a database's writer overrides it.
     *
     * @return the change of each page, in their order, then the removal's
     */
    default List<DocumentationChange> replaceAll(List<DocumentationPage> pages, Collection<String> removedSourcePaths) {
        List<DocumentationChange> out = new java.util.ArrayList<>(writeAll(pages));
        out.add(deletePages(removedSourcePaths));
        return out;
    }

    /** The fingerprint recorded for each page's file. */
    Map<String, String> fingerprints();

    /** Adds a listener told after every committed change. */
    void addListener(DocumentationListener listener);

    void removeListener(DocumentationListener listener);
}

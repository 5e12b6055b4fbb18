package org.healthgraph.catalog;

import java.time.Duration;

import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.CurationLimits;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.internal.CachedCatalog;
import org.healthgraph.catalog.internal.GraphCatalog;
import org.healthgraph.catalog.internal.GraphCatalogWriter;
import org.healthgraph.catalog.internal.GraphCuration;
import org.healthgraph.catalog.internal.GraphDocumentation;
import org.healthgraph.catalog.internal.GraphDocumentationWriter;
import org.healthgraph.catalog.store.CatalogStores;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.audit.AuditTrail;

/** Opens the catalog, and its documentation, over a graph store. */
public final class Catalogs {

    private Catalogs() {
    }

    /** A catalog that reads the given graph (through the catalog store of its backend). */
    public static Catalog reader(GraphStore store) {
        return new GraphCatalog(CatalogStores.on(store));
    }

    /**
     * A catalog that keeps what it reads in memory (see {@link CachedCatalog}): dropped whenever
     * {@code writer} commits a change, and at most {@code maxAge} old otherwise (changes written by
     * another process to a shared store show after that age).
     *
     * @param maxEntries reads (other than whole code lists) kept at most
     * @param maxCodes codes kept at most over the code lists held whole
     */
    public static Catalog cached(Catalog catalog, CatalogWriter writer, Duration maxAge, long maxEntries, long maxCodes) {
        CachedCatalog cached = new CachedCatalog(catalog, maxAge, maxEntries, maxCodes);
        writer.addListener(cached);
        return cached;
    }

    /**
     * Drops what a catalog made by {@link #cached} holds, so that the next reads go to the graph (after
     * a change written by another process); does nothing for another catalog.
     */
    public static void dropCached(Catalog catalog) {
        if (catalog instanceof CachedCatalog cached) {
            cached.committed(new CatalogChange("another process", java.util.Map.of(), 0, 0, 0, java.util.List.of(), false));
        }
    }

    /**
     * Reviewed curation of the catalog in the given graph, telling {@code writer}'s listeners (search
     * index, cache) what each approval changed, and recording every mutation in {@code audit}.
     *
     * @param writer a writer made by {@link #writer} on the same graph
     */
    public static Curation curation(GraphStore store, CatalogWriter writer, AuditTrail audit, CurationLimits limits) {
        if (!(writer instanceof GraphCatalogWriter graphWriter)) {
            throw new IllegalArgumentException("curation needs the writer made by Catalogs.writer");
        }
        return new GraphCuration(CatalogStores.on(store), graphWriter, audit, limits);
    }

    /** A writer into the given graph; create one per application and share it (it holds the listeners). */
    public static CatalogWriter writer(GraphStore store) {
        return new GraphCatalogWriter(CatalogStores.on(store));
    }

    /** The documentation kept in the given graph beside the catalog (through the documentation store of its backend). */
    public static Documentation documentation(GraphStore store) {
        return new GraphDocumentation(CatalogStores.documents(store));
    }

    /** A writer of documentation pages into the given graph; create one per application and share it (it holds the listeners). */
    public static DocumentationWriter documentationWriter(GraphStore store) {
        return new GraphDocumentationWriter(CatalogStores.documents(store));
    }
}

package org.healthgraph.app.config;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.CurationLimits;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.catalog.search.CatalogFreshness;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchKnowledge;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.importers.TextLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * The catalog over the application's graph store: one writer per process (its listeners, the search
 * index and the reader's cache, hear every import), the reader, cached in memory unless
 * {@code healthgraph.catalog.cache.enabled} is false, the documentation kept beside it, and the search
 * index persisted under {@code <data-dir>/search}, kept current near-real-time by the writers' changes
 * (catalog changes in batches, at most a second late; documentation changes page by page).
 */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    public CatalogWriter catalogWriter(GraphStore store) {
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        return writer;
    }

    @Bean
    public Catalog catalog(GraphStore store, CatalogWriter writer, HealthgraphProperties properties) {
        Catalog reader = Catalogs.reader(store);
        HealthgraphProperties.CatalogCache cache = properties.catalog().cache();
        return cache.enabled() ? Catalogs.cached(reader, writer, cache.maxAge(), cache.maxEntries(), cache.maxCodes()) : reader;
    }

    /** The longest texts the catalog importers take ({@code healthgraph.imports.*}). */
    @Bean
    public TextLimits textLimits(HealthgraphProperties properties) {
        return new TextLimits(properties.imports().maxTextLength(), properties.imports().maxLabelLength());
    }

    @Bean
    public DocumentationWriter documentationWriter(GraphStore store) {
        DocumentationWriter writer = Catalogs.documentationWriter(store);
        writer.ensureSchema();
        return writer;
    }

    @Bean
    public Documentation documentation(GraphStore store) {
        return Catalogs.documentation(store);
    }

    /** What the documentation and the join graph tell the search about each entry, shared by the index's listeners. */
    @Bean
    public SearchKnowledge searchKnowledge(Catalog catalog, Documentation documentation) {
        return new SearchKnowledge(catalog, documentation);
    }

    @Bean(destroyMethod = "close")
    public SearchIndex searchIndex(HealthgraphProperties properties) {
        return SearchIndex.open(properties.searchIndexDir());
    }

    /**
     * Keeps the search index current in batches, at most a second after a change: an import of thousands
     * of files or hundreds of pages costs a few index commits, not one a file.
     * Closed (flushing what waits) before the index, which it depends on.
     */
    @Bean(destroyMethod = "close")
    @Lazy(false) // every change must be heard, also in a command whose context makes beans on demand
    public BatchedIndexing searchIndexing(Catalog catalog, CatalogWriter writer, Documentation documentation,
            DocumentationWriter documentationWriter, SearchKnowledge knowledge, SearchIndex index) {
        BatchedIndexing batches = BatchedIndexing.start(catalog, documentation, knowledge, index);
        writer.addListener(batches);
        documentationWriter.addListener(batches.documentationListener());
        return batches;
    }

    /**
     * Reviewed curation, with the import's text limits ({@code healthgraph.imports.*}). Made after the
     * search index, whose listener must hear the approvals a crash left untold: they are told at once.
     */
    @Bean
    @Lazy(false) // tells the approvals a crash left untold at every start, commands included
    public Curation curation(GraphStore store, CatalogWriter writer, AuditTrail audit, HealthgraphProperties properties,
                             BatchedIndexing searchIndexing) {
        Curation curation = Catalogs.curation(store, writer, audit, new CurationLimits(
                properties.imports().maxTextLength(), properties.imports().maxLabelLength(),
                CurationLimits.DEFAULTS.maxEntities()));
        int told = curation.publishPending();
        if (told > 0) {
            LOG.warn("{} approved curation change(s) were committed but not indexed before a stop; indexed now", told);
        }
        return curation;
    }

    /**
     * Notices catalog changes written by another process into the same graph (by the catalog stamp):
     * drops the cached reads and rebuilds the search index, searches answering 503 meanwhile. Checked
     * by {@link FreshnessCheck} on servers and before each GraphQL request ({@link #catalogFreshnessBeforeRequests}).
     */
    @Bean(destroyMethod = "close")
    public CatalogFreshness catalogFreshness(GraphStore store, CatalogWriter writer, Catalog catalog, SearchIndex index,
            IndexReadiness readiness, Documentation documentation) {
        return CatalogFreshness.of(store, writer, catalog, documentation, index, readiness);
    }

    /**
     * On a server, the catalog's freshness is checked before each GraphQL request unless a check began
     * at most {@code healthgraph.freshness.request-tolerance} before it (one read of the stamp a
     * tolerance, shared by the requests that arrived meanwhile), so that a search or catalog read made
     * after another process's import meets the old index or cache for that long at most. (A read of the
     * stamp before every request, serialised, cost three quarters of the load benchmark's throughput.)
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class FreshnessBeforeRequests {

        @Bean
        WebGraphQlInterceptor catalogFreshnessBeforeRequests(CatalogFreshness freshness, HealthgraphProperties properties) {
            long tolerance = properties.freshness().requestTolerance().toNanos();
            return (request, chain) -> {
                try {
                    freshness.checkBefore(System.nanoTime(), tolerance);
                } catch (RuntimeException e) {
                    // The database away: the request's own reads meet it and say so; the timer tries again.
                    LOG.debug("Catalog freshness check before a request failed ({})", e.getClass().getSimpleName());
                }
                return chain.next(request);
            };
        }
    }
}

package org.healthgraph.app.config;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.CurationLimits;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.CatalogFreshness;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.importers.TextLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * The catalog over the application's graph store: one writer per process (its listeners, the search
 * index and the reader's cache, hear every import), the reader, cached in memory unless
 * {@code healthgraph.catalog.cache.enabled} is false, and the search index persisted under
 * {@code <data-dir>/search}, kept current near-real-time by the writer's changes.
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

    @Bean(destroyMethod = "close")
    public SearchIndex searchIndex(HealthgraphProperties properties, Catalog catalog, CatalogWriter writer) {
        SearchIndex index = SearchIndex.open(properties.dataDir().resolve("search"));
        writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
        return index;
    }

    /**

                             SearchIndex searchIndex) {
                    .warn("{} approved curation change(s) were committed but not indexed before a stop; indexed now", told);
                    // The database away: the request's own reads meet it and say so; the timer tries again.
                    LOG.debug("Catalog freshness check before a request failed ({})", e.getClass().getSimpleName());
                    freshness.checkBefore(System.nanoTime());
                CurationLimits.DEFAULTS.maxEntities()));
                properties.imports().maxTextLength(), properties.imports().maxLabelLength(),
                return chain.next(request);
                try {
                }
                } catch (RuntimeException e) {
            IndexReadiness readiness) {
            LoggerFactory.getLogger(CatalogConfiguration.class)
            return (request, chain) -> {
            };
        @Bean
        Curation curation = Catalogs.curation(store, writer, audit, new CurationLimits(
        WebGraphQlInterceptor catalogFreshnessBeforeRequests(CatalogFreshness freshness) {
        if (told > 0) {
        int told = curation.publishPending();
        return CatalogFreshness.of(store, writer, catalog, index, readiness);
        return curation;
        }
     * Notices catalog changes written by another process into the same graph (by the catalog stamp):
     * On a server, the catalog's freshness is checked before each GraphQL request (one read of the
     * Reviewed curation, with the import's text limits ({@code healthgraph.imports.*}). Made after the
     * by {@link FreshnessCheck} on servers and before each GraphQL request ({@link #catalogFreshnessBeforeRequests}).
     * drops the cached reads and rebuilds the search index, searches answering 503 meanwhile. Checked
     * made after another process's import never meets the old index or cache.
     * search index, whose listener must hear the approvals a crash left untold: they are told at once.
     * stamp, shared by the requests that arrived before it began), so that a search or catalog read
     */
    /**
    @Bean
    @Bean(destroyMethod = "close")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Configuration(proxyBeanMethods = false)
    public CatalogFreshness catalogFreshness(GraphStore store, CatalogWriter writer, Catalog catalog, SearchIndex index,
    public Curation curation(GraphStore store, CatalogWriter writer, AuditTrail audit, HealthgraphProperties properties,
    static class FreshnessBeforeRequests {
    }
    }
}

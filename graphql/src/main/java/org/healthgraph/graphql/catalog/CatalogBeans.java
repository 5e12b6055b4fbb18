package org.healthgraph.graphql.catalog;

import java.time.Duration;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.graph.GraphStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog reader and writer over the application's graph store, unless the application declares
 * its own. One writer per application, so that its change listeners (the search index, the reader's
 * cache) hear every import.
 *
 * <p>The reader keeps what it reads in memory ({@code healthgraph.catalog.cache.enabled}, on by
 * default): dropped on every change the writer commits, and at most
 * {@code healthgraph.catalog.cache.max-age} old (10 minutes by default) for changes another process
 * writes to a shared store. {@code max-entries} bounds the reads kept, {@code max-codes} the codes of
 * the code lists held whole.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogBeans {

    @Bean
    @ConditionalOnMissingBean
    public Catalog catalog(GraphStore store, CatalogWriter writer,
                           @Value("${healthgraph.catalog.cache.enabled:true}") boolean cacheEnabled,
                           @Value("${healthgraph.catalog.cache.max-age:10m}") Duration maxAge,
                           @Value("${healthgraph.catalog.cache.max-entries:20000}") long maxEntries,
                           @Value("${healthgraph.catalog.cache.max-codes:1000000}") long maxCodes) {
        Catalog reader = Catalogs.reader(store);
        return cacheEnabled ? Catalogs.cached(reader, writer, maxAge, maxEntries, maxCodes) : reader;
    }

    @Bean
    @ConditionalOnMissingBean
    public CatalogWriter catalogWriter(GraphStore store) {
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        return writer;
    }
}

package org.healthgraph.graphql.catalog;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.graph.GraphStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog reader and writer over the application's graph store, unless the application declares
 * its own. One writer per application, so that its change listeners (the search index) hear every import.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogBeans {

    @Bean
    @ConditionalOnMissingBean
    public Catalog catalog(GraphStore store) {
        return Catalogs.reader(store);
    }

    @Bean
    @ConditionalOnMissingBean
    public CatalogWriter catalogWriter(GraphStore store) {
        CatalogWriter writer = Catalogs.writer(store);
        writer.ensureSchema();
        return writer;
    }
}

package org.healthgraph.app.config;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog search index, persisted under {@code <data-dir>/search}, opened once per process, and
 * kept current near-real-time: every committed catalog change re-indexes what it touched.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    public SearchIndex searchIndex(HealthgraphProperties properties, Catalog catalog, CatalogWriter writer) {
        SearchIndex index = SearchIndex.open(properties.dataDir().resolve("search"));
        writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
        return index;
    }
}

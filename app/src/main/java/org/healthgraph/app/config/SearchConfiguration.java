package org.healthgraph.app.config;

import org.healthgraph.catalog.search.SearchIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog search index, persisted under {@code <data-dir>/search}, opened once per process. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    public SearchIndex searchIndex(HealthgraphProperties properties) {
        return SearchIndex.open(properties.dataDir().resolve("search"));
    }
}

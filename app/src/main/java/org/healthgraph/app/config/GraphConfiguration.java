package org.healthgraph.app.config;

import java.util.List;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The graph store every other bean uses, opened once per process and closed with it. */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {

    @Bean(destroyMethod = "close")
    public GraphStore graphStore(HealthgraphProperties properties) {
        GraphStore store = GraphStores.open(properties.graphSettings());
        try {
            store.ensureSchema(GraphNames.LABELS, List.of());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }
}

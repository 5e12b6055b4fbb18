package org.healthgraph.app.config;

import java.util.List;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The graph store every other bean uses, opened once per process (started early by
 * {@link EarlyGraphStart}) and closed with the context.
 */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {

    @Bean(destroyMethod = "close")
    public GraphStore graphStore(EarlyGraphStart.Pending pending) {
        GraphStore store = pending.await();
        try {
            store.ensureSchema(GraphNames.LABELS, List.of());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }
}

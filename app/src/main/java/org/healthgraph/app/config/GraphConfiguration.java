package org.healthgraph.app.config;

import java.util.List;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The graph store every other bean uses, opened once per process (started early by
 * {@link EarlyGraphStart} when the settings bind) and closed with the context.
 */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {

    @Bean(destroyMethod = "close")
    public GraphStore graphStore(HealthgraphProperties properties, ObjectProvider<EarlyGraphStart.Pending> pending) {
        EarlyGraphStart.Pending early = pending.getIfAvailable();
        GraphStore store;
        if (early != null) {
            store = early.await();
        } else {
            DataFolderLock.acquire(properties.dataDir());
            store = GraphStores.open(properties.graphSettings());
        }
        try {
            store.ensureSchema(GraphNames.LABELS, List.of());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }
}

package org.healthgraph.app.config;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts opening the graph store (about 10 s for the embedded Neo4j on two cores) as soon as the
 * context is created, on its own thread, so that it overlaps with the rest of the start-up
 * (component scanning, the web server, the GraphQL schema) instead of following it.
 * {@link GraphConfiguration} waits for it.
 */
public final class EarlyGraphStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "healthgraphEarlyGraphStore";

    /** The store being opened. */
    public record Pending(CompletableFuture<GraphStore> store) {

        /** Waits for the store; a failure to open it is rethrown as it was raised. */
        GraphStore await() {
            try {
                return store.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        HealthgraphProperties properties;
        try {
            properties = Binder.get(context.getEnvironment()).bindOrCreate("healthgraph", HealthgraphProperties.class);
        } catch (RuntimeException e) {
            // A setting that does not bind: the regular, validated binding reports it, naming the setting.
            return;
        }
        CompletableFuture<GraphStore> future = new CompletableFuture<>();
        try {
            DataFolderLock.acquire(properties.dataDir());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            context.getBeanFactory().registerSingleton(BEAN_NAME, new Pending(future));
            return;
        }
        Thread opener = new Thread(() -> {
            try {
                future.complete(GraphStores.open(properties.graphSettings()));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "graph-store-opener");
        opener.setDaemon(true);
        opener.start();
        context.getBeanFactory().registerSingleton(BEAN_NAME, new Pending(future));
    }
}

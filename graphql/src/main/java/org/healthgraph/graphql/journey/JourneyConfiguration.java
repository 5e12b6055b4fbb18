package org.healthgraph.graphql.journey;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.journeys.Journeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

/**
 * The one {@link Journeys} of the process. Its timeline index is built from the graph when first
 * needed, not at start-up: over a million patients that read takes minutes, and the commands that
 * never touch journeys ({@code search}, {@code reindex}, catalog imports) must not wait for it. A
 * server starts building it in the background as soon as it is ready, so that the first cohort
 * request finds it built (or waits for the build under way).
 */
@Configuration(proxyBeanMethods = false)
public class JourneyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JourneyConfiguration.class);

    @Bean
    @Lazy
    public Journeys journeys(GraphStore store) {
        return Journeys.open(store);
    }

    /** On a server, builds the timeline index in the background once the server is up. */
    @EventListener
    public void warmUp(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
            return;
        }
        ObjectProvider<Journeys> journeys = event.getApplicationContext().getBeanProvider(Journeys.class);
        Thread.ofVirtual().name("journeys-index").start(() -> {
            long started = System.nanoTime();
            try {
                Journeys built = journeys.getObject();
                LOG.info("Timeline index ready: {} patients, {} events, in {} ms", built.patientCount(), built.eventCount(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // Requests that need journeys will build it again and report the error themselves.
                LOG.warn("Timeline index not built in the background: {}", e.getMessage());
            }
        });
    }
}

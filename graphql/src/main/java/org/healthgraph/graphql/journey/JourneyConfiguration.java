package org.healthgraph.graphql.journey;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.linkage.journey.Journeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link Journeys} of the process: its timeline index is built from the graph at start-up. */
@Configuration(proxyBeanMethods = false)
public class JourneyConfiguration {

    @Bean
    public Journeys journeys(GraphStore store) {
        return Journeys.open(store);
    }
}

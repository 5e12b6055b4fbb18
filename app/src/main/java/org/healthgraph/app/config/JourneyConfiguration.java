package org.healthgraph.app.config;

import java.util.List;
import java.util.Optional;

import org.healthgraph.catalog.search.CatalogFreshness;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Journeys over the application's graph: the journey store, the write side (one importer per
 * process, whose changes the query side hears) and the query side (the cohort service, whose
 * timeline index is saved under {@code <data-dir>/journeys}). Making these beans reads nothing:
 * commands that never touch cohorts do not open the index, import commands use the importer only,
 * and a server opens the index in the background as soon as its web server is up, answering 503
 * to cohort requests until it is ready.
 */
@Configuration(proxyBeanMethods = false)
public class JourneyConfiguration {

    /** The folder of the saved timeline index, under the data folder. */
    public static final String INDEX_FOLDER = "journeys";

    @Bean
    public JourneyStore journeyStore(GraphStore graph) {
        JourneyStore store = JourneyStores.on(graph);
        store.ensureSchema();
        return store;
    }

    /** Saved cohort definitions, in the graph's backend (issue 16, item 4). */
    @Bean
    public CohortDefinitionStore cohortDefinitionStore(GraphStore graph) {
        CohortDefinitionStore store = JourneyStores.definitionsOn(graph);
        store.ensureSchema();
        return store;
    }

    @Bean(destroyMethod = "close")
    public CohortService cohortService(JourneyStore store, HealthgraphProperties properties, IndexReadiness readiness) {
        return CohortService.over(store, Optional.of(properties.dataDir().resolve(INDEX_FOLDER)), readiness,
                properties.cohorts().pool());
    }

    @Bean
    public JourneyImporter journeyImporter(JourneyStore store, CohortService cohorts) {
        JourneyImporter importer = new JourneyImporter(store);
        importer.addListener(cohorts.keepingCurrent());
        return importer;
    }

    /** The server's checks that its indexes are current with imports made by other processes. */
    @Bean(destroyMethod = "close")
    public FreshnessCheck freshnessCheck(CohortService cohorts, CatalogFreshness catalog, HealthgraphProperties properties) {
        return new FreshnessCheck(properties.freshness().checkInterval(), List.of(cohorts::refreshIfStale, catalog::check));
    }

    /**
     * On a server, opens the timeline index in the background once the web server accepts requests,
     * and starts the freshness checks.
     */
    @EventListener
    public void openTimelineIndex(WebServerInitializedEvent event) {
        event.getApplicationContext().getBean(CohortService.class).start();
        event.getApplicationContext().getBean(FreshnessCheck.class).start();
    }
}

package org.healthgraph.app.config;

import java.util.List;
import java.util.Optional;

import org.healthgraph.app.demo.DemoDictionaryStep;
import org.healthgraph.app.demo.DemoDocumentationStep;
import org.healthgraph.app.demo.DemoLoader;
import org.healthgraph.app.demo.DemoStep;
import org.healthgraph.app.demo.JourneyDemoStep;
import org.healthgraph.app.demo.LinkageDemoStep;
import org.healthgraph.app.demo.PausedIndexing;
import org.healthgraph.app.demo.ReadyAnnouncer;
import org.healthgraph.app.demo.SearchIndexStep;
import org.healthgraph.app.identity.DemoLogins;
import org.healthgraph.app.identity.LocalLogins;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.search.BatchedIndexing;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchKnowledge;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.linkage.store.LinkStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The demonstration's beans: its steps (the demo dictionary and documentation, the search index, the synthetic
 * population, a small linkage run) and the loader that runs them, made only when {@code healthgraph.demo.enabled} is
 * true (set by the {@code demo} command); and the announcement of where a server answers.
 */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    @Bean
    public ReadyAnnouncer readyAnnouncer(Environment environment, ObjectProvider<LocalLogins> logins) {
        return new ReadyAnnouncer(environment, () -> Optional.ofNullable(logins.getIfAvailable()).flatMap(LocalLogins::demo)
                .map(DemoLogins::logins).orElse(List.of()));
    }

    /** The demo's steps and their loader. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "healthgraph.demo.enabled", havingValue = "true")
    static class Steps {

        /** The search index's batch feeding, paused while the dictionary and documentation steps write. */
        @Bean
        PausedIndexing demoPausedIndexing(CatalogWriter writer, DocumentationWriter documentationWriter,
                BatchedIndexing searchIndexing, SearchKnowledge knowledge) {
            return PausedIndexing.of(writer, documentationWriter, searchIndexing, knowledge);
        }

        @Bean
        DemoDictionaryStep demoDictionaryStep(Catalog catalog, CatalogWriter writer, HealthgraphProperties properties,
                PausedIndexing indexing) {
            return new DemoDictionaryStep(catalog, writer, properties.demo().dictionaryDir(), indexing);
        }

        @Bean
        DemoDocumentationStep demoDocumentationStep(Catalog catalog, DocumentationWriter writer, Documentation documentation,
                HealthgraphProperties properties, PausedIndexing indexing) {
            return new DemoDocumentationStep(catalog, writer, documentation, properties.demo().documentationDir(), indexing);
        }

        @Bean
        SearchIndexStep searchIndexStep(GraphStore store, SearchIndex index, IndexReadiness readiness) {
            return new SearchIndexStep(store, index, readiness);
        }

        @Bean
        JourneyDemoStep journeyDemoStep(JourneyImporter journeys, CatalogWriter catalog, HealthgraphProperties properties) {
            return new JourneyDemoStep(journeys, catalog, properties.demo().patients());
        }

        @Bean
        LinkageDemoStep linkageDemoStep(LinkStore links, HealthgraphProperties properties) {
            return new LinkageDemoStep(links, properties.linkage().band());
        }

        @Bean
        DemoLoader demoLoader(List<DemoStep> steps, IndexReadiness readiness) {
            return new DemoLoader(steps, readiness);
        }
    }
}

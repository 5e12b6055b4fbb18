package org.healthgraph.app.config;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.AccessInterceptor;
import org.healthgraph.graphql.access.PolicyInstrumentation;
import org.healthgraph.graphql.catalog.CatalogController;
import org.healthgraph.graphql.catalog.CatalogLoaders;
import org.healthgraph.graphql.catalog.CatalogNavigationController;
import org.healthgraph.graphql.catalog.DocumentationController;
import org.healthgraph.graphql.curation.CurationController;
import org.healthgraph.graphql.catalog.NodeTypes;
import org.healthgraph.graphql.errors.ApiErrors;
import org.healthgraph.graphql.execution.DocumentCache;
import org.healthgraph.graphql.journey.CohortDefinitionController;
import org.healthgraph.graphql.journey.JourneyController;
import org.healthgraph.graphql.linkage.LinkageController;
import org.healthgraph.graphql.journey.CohortCost;
import org.healthgraph.graphql.journey.CohortRequests;
import org.healthgraph.graphql.limits.ComplexityCalculator;
import org.healthgraph.graphql.limits.CostLimit;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.graphql.limits.ResponseSizeLimit;
import org.healthgraph.graphql.search.SearchController;
import org.healthgraph.graphql.system.VersionController;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.server.TimeoutWebGraphQlInterceptor;

import graphql.analysis.MaxQueryDepthInstrumentation;

/**
 * The GraphQL API: its controllers, data loaders and type resolvers, the one error mapping
 * ({@link ApiErrors}), the limits ({@code healthgraph.graphql.*}), the parsed-document cache, and the
 * access interceptor ({@code healthgraph.security.*}). Spring for GraphQL picks up instrumentation,
 * interceptor, resolver and configurer beans by type.
 */
@Configuration(proxyBeanMethods = false)
@Import({CatalogController.class, CatalogNavigationController.class, DocumentationController.class, JourneyController.class,
        CurationController.class, LinkageController.class, CohortDefinitionController.class})
public class GraphqlConfiguration {

    @Bean
    ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @Bean
    CatalogLoaders catalogLoaders(BatchLoaderRegistry registry, Catalog catalog) {
        return new CatalogLoaders(registry, catalog);
    }

    @Bean
    NodeTypes nodeTypes() {
        return new NodeTypes();
    }

    @Bean
    SearchController searchController(SearchIndex index, HealthgraphProperties properties) {
        return new SearchController(index, properties.search().resultCache().maxEntries());
    }

    @Bean
    VersionController versionController(GraphStore store) {
        return new VersionController(store);
    }

    @Bean
    AccessInterceptor accessInterceptor() {
        return new AccessInterceptor();
    }

    /** Enforces the schema's {@code @policy} declarations before any field is fetched. */
    @Bean
    PolicyInstrumentation fieldPolicies(AuditTrail audit) {
        return new PolicyInstrumentation(audit);
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(HealthgraphProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.graphql().maxDepth());
    }

    /** The cost limit, cohort work included (one unit per thousand event tests), checked before a request runs. */
    @Bean
    CostLimit maxQueryComplexity(HealthgraphProperties properties, CohortService cohorts) {
        return new CostLimit(properties.graphql().maxComplexity(), new ComplexityCalculator(new CohortCost(cohorts)));
    }

    /** Each request's cohort evaluations: its deadline, its cancellation when it ends, its caller, its allowance. */
    @Bean
    CohortRequests cohortRequests(HealthgraphProperties properties) {
        return new CohortRequests(properties.graphql().timeout(), properties.cohorts().maxPerRequest());
    }

    @Bean
    TimeoutWebGraphQlInterceptor requestTimeout(HealthgraphProperties properties) {
        return new TimeoutWebGraphQlInterceptor(properties.graphql().timeout());
    }

    @Bean
    ResponseSizeLimit responseSizeLimit(HealthgraphProperties properties) {
        return new ResponseSizeLimit(properties.graphql().maxResponseBytes());
    }

    @Bean
    DocumentCache documentCache(HealthgraphProperties properties) {
        HealthgraphProperties.DocumentCache cache = properties.graphql().documentCache();
        return new DocumentCache(cache.maxDocuments(), cache.maxQueryLength());
    }

    @Bean
    GraphQlSourceBuilderCustomizer documentCacheCustomizer(DocumentCache cache) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(cache));
    }
}

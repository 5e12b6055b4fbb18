package org.healthgraph.app.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graphql.errors.UnavailableResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;

/**
 * The readiness of the process's indexes: one registry that the indexes report to (the timeline
 * index of journeys; the search index can too), shown by {@code /actuator/health} (component
 * {@code indexes}: each index's state, progress and sizes, never data), and used by the GraphQL
 * transport to answer 503 with a Retry-After estimated from the builds under way.
 */
@Configuration(proxyBeanMethods = false)
public class IndexReadinessConfiguration {

    /** The health status of an index being built: the application is up and serves other requests. */
    static final Status BUILDING = new Status("BUILDING", "an index is being built; requests that need it get 503");

    @Bean
    public IndexReadiness indexReadiness() {
        return new IndexReadiness();
    }

    @Bean
    public HealthIndicator indexesHealthIndicator(IndexReadiness readiness) {
        return () -> health(readiness);
    }

    /** The data folder's free space, without its path (Spring Boot's disk-space indicator is switched off). */
    @Bean
    public HealthIndicator dataFolderHealthIndicator(HealthgraphProperties properties) {
        return new DataFolderSpace(properties.dataDir().toFile());
    }

    /** The GraphQL transport's 503 and Retry-After, on a server only (commands have no web server). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class UnavailableTransport {

        @Bean
        GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler) {
            return UnavailableResponses.httpHandler(handler);
        }

        @Bean
        WebGraphQlInterceptor retryAfterInterceptor(IndexReadiness readiness) {
            return UnavailableResponses.retryAfter(readiness::retryAfter);
        }
    }

    static Health health(IndexReadiness readiness) {
        Status overall = Status.UP;
        Health.Builder builder = Health.unknown();
        for (IndexReadiness.Status s : readiness.statuses()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", s.state().name());
            if (!s.detail().isEmpty()) {
                detail.put("detail", s.detail());
            }
            if (s.total() > 0) {
                detail.put("done", s.done());
                detail.put("total", s.total());
            }
            detail.putAll(s.counts());
            detail.put("since", s.since().toString());
            builder.withDetail(s.index(), detail);
            if (s.state() == IndexReadiness.State.FAILED) {
                overall = Status.DOWN;
            } else if (s.state() == IndexReadiness.State.BUILDING && overall == Status.UP) {
                overall = BUILDING;
            }
        }
        return builder.status(overall).build();
    }
}

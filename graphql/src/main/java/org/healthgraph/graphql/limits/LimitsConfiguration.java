package org.healthgraph.graphql.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.TimeoutWebGraphQlInterceptor;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

/** Installs the limits; Spring for GraphQL picks up instrumentation and interceptor beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphqlLimits.class)
public class LimitsConfiguration {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphqlLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphqlLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), new ComplexityCalculator());
    }

    @Bean
    TimeoutWebGraphQlInterceptor requestTimeout(GraphqlLimits limits) {
        return new TimeoutWebGraphQlInterceptor(limits.timeout());
    }
}

package org.healthgraph.graphql.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's limits ({@code healthgraph.graphql.*}).
 *
 * @param maxDepth deepest selection accepted
 * @param maxComplexity highest query cost accepted (see {@link ComplexityCalculator})
 * @param timeout longest time a request may run
 */
@ConfigurationProperties("healthgraph.graphql")
public record GraphqlLimits(@DefaultValue("12") int maxDepth, @DefaultValue("100000") int maxComplexity,
                            @DefaultValue("10s") Duration timeout) {

    public GraphqlLimits {
        if (maxDepth < 2) {
            throw new IllegalArgumentException("healthgraph.graphql.max-depth must be at least 2, got " + maxDepth);
        }
        if (maxComplexity < 10) {
            throw new IllegalArgumentException("healthgraph.graphql.max-complexity must be at least 10, got " + maxComplexity);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("healthgraph.graphql.timeout must be positive, got " + timeout);
        }
    }
}

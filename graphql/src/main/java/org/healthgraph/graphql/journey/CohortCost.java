package org.healthgraph.graphql.journey;

import java.util.Map;
import java.util.OptionalLong;

import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.graphql.limits.ComplexityCalculator;
import org.healthgraph.graphql.limits.FieldCost;
import org.healthgraph.journeys.CohortService;

/**
 * The cost of the fields that evaluate a cohort ({@code Query.cohort}, {@code Cohort.patients}):
 * one unit per {@value ComplexityCalculator#EVENT_TESTS_PER_UNIT} event tests the evaluation will
 * make ({@link CohortService#cost}), known before it runs. A query that does not parse costs
 * nothing here: it is refused as a bad request when its field runs. While the timeline index is
 * not ready it costs nothing either: the field is answered 503 without running.
 */
public final class CohortCost implements FieldCost {

    private final CohortService cohorts;

    public CohortCost(CohortService cohorts) {
        this.cohorts = cohorts;
    }

    @Override
    public long units(String type, String field, Map<String, Object> arguments, Map<String, Object> parentArguments) {
        if ("Query".equals(type) && "cohort".equals(field)) {
            return of(arguments);
        }
        if ("Cohort".equals(type) && "patients".equals(field)) {
            return of(parentArguments);
        }
        return 0;
    }

    private long of(Map<String, Object> arguments) {
        if (!(arguments.get("query") instanceof Map<?, ?> raw)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) raw;
        OptionalLong tests;
        try {
            tests = cohorts.cost(JourneyController.parse(query));
        } catch (HealthgraphException | IllegalArgumentException e) {
            return 0;
        }
        if (tests.isEmpty()) {
            return 0;
        }
        long t = tests.getAsLong();
        return t / ComplexityCalculator.EVENT_TESTS_PER_UNIT + (t % ComplexityCalculator.EVENT_TESTS_PER_UNIT == 0 ? 0 : 1);
    }
}

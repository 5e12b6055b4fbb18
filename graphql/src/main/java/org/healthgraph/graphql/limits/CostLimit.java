package org.healthgraph.graphql.limits;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;

/**
 * Refuses, before anything runs, a request whose cost ({@link ComplexityCalculator}, cohort work
 * included) is over {@code healthgraph.graphql.max-complexity}, with a message naming the setting.
 */
public final class CostLimit extends MaxQueryComplexityInstrumentation {

    /** The setting named in the refusal. */
    public static final String SETTING = "healthgraph.graphql.max-complexity";

    public CostLimit(int maxComplexity, ComplexityCalculator calculator) {
        super(maxComplexity, calculator);
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalComplexity, int maxComplexity) {
        return new AbortExecutionException("the request's cost " + totalComplexity + " is over the limit " + maxComplexity + " ("
                + SETTING + "); it was not run. Ask for smaller pages, fewer aliases or, for a cohort, a narrower query"
                + " (a cohort costs one unit per " + ComplexityCalculator.EVENT_TESTS_PER_UNIT
                + " event tests: the events of the graph times the criteria, see docs/graphql.md)");
    }
}

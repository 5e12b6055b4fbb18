package org.healthgraph.graphql.limits;

import java.util.Map;

/**
 * The work a field does beyond returning its items, in complexity units, known before the request
 * runs (a cohort: the event tests its evaluation will make). Added to the field's cost by
 * {@link ComplexityCalculator}, so that the request's total is held against
 * {@code healthgraph.graphql.max-complexity} before anything runs.
 */
@FunctionalInterface
public interface FieldCost {

    /** No field costs more than its items. */
    FieldCost NONE = (type, field, arguments, parentArguments) -> 0;

    /**
     * @param type the type declaring the field ({@code Query}, {@code Cohort})
     * @param field the field's name
     * @param arguments the field's arguments
     * @param parentArguments the arguments of the field that returned the object (empty at the root)
     * @return the extra units, 0 when none
     */
    long units(String type, String field, Map<String, Object> arguments, Map<String, Object> parentArguments);
}

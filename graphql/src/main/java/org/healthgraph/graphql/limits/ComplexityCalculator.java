package org.healthgraph.graphql.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;

import org.healthgraph.graphql.paging.PageRequest;

/**
 * The cost of a field: 1 plus the cost of its selection, that selection's cost multiplied by the
 * number of items the field can return when it is a connection ({@code first}, or the default page
 * size) or a list ({@code first}, {@code limit} or {@code size} when given, else the default page
 * size). The lists inside a connection ({@code edges}, {@code hits}) are already counted by the
 * connection's {@code first}. A leaf costs 1. A field that does work beyond its items (a cohort
 * evaluation) adds that work, as its {@link FieldCost} says.
 */
public final class ComplexityCalculator implements FieldComplexityCalculator {

    /** Event tests of a cohort evaluation per complexity unit. */
    public static final long EVENT_TESTS_PER_UNIT = 1_000;

    private final FieldCost work;

    /** Items only: no field does work beyond its items. */
    public ComplexityCalculator() {
        this(FieldCost.NONE);
    }

    /** Items, plus the work {@code work} says a field does (a cohort evaluation). */
    public ComplexityCalculator(FieldCost work) {
        this.work = java.util.Objects.requireNonNull(work, "work");
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        int items = 1;
        boolean insideConnection = env.getParentType().getName().endsWith("Connection");
        if (isConnection(env.getFieldDefinition().getType())
                || (isList(env.getFieldDefinition().getType()) && !insideConnection)) {
            items = sizeArgument(env);
        }
        FieldComplexityEnvironment parent = env.getParentEnvironment();
        long extra = work.units(env.getParentType().getName(), env.getField().getName(), env.getArguments(),
                parent == null ? java.util.Map.of() : parent.getArguments());
        long cost = 1L + (long) items * childComplexity + Math.max(0, extra);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, cost));
    }

    private static int sizeArgument(FieldComplexityEnvironment env) {
        for (String name : new String[] {"first", "limit", "size"}) {
            Object value = env.getArguments().get(name);
            if (value instanceof Number n) {
                return Math.max(1, n.intValue());
            }
        }
        return PageRequest.DEFAULT_FIRST;
    }

    private static GraphQLOutputType unwrapNonNull(GraphQLOutputType type) {
        return type instanceof GraphQLNonNull nonNull ? (GraphQLOutputType) nonNull.getWrappedType() : type;
    }

    private static boolean isList(GraphQLOutputType type) {
        return unwrapNonNull(type) instanceof GraphQLList;
    }

    private static boolean isConnection(GraphQLOutputType type) {
        return unwrapNonNull(type) instanceof GraphQLObjectType object && object.getName().endsWith("Connection");
    }
}

package org.healthgraph.graphql.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;

import org.healthgraph.graphql.paging.PageRequest;

/**
 * The cost of a field: 1 plus the cost of its selection, multiplied by the number of items it can
 * return when it is a connection ({@code first}, or the default page size) or a list ({@code first}
 * or {@code limit} when given, else the default page size).
 */
final class ComplexityCalculator implements FieldComplexityCalculator {

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        int items = 1;
        if (isConnection(env.getFieldDefinition().getType()) || isList(env.getFieldDefinition().getType())) {
            items = sizeArgument(env);
        }
        long cost = 1L + (long) items * Math.max(childComplexity, 1);
        return (int) Math.min(Integer.MAX_VALUE, cost);
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

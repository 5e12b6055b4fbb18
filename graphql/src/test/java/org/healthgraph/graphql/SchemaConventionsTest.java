package org.healthgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLEnumType;

/** Walks the whole schema and checks the conventions written in docs/graphql.md. */
class SchemaConventionsTest {

    private final GraphQLSchema schema = ApiSchema.load();

    private List<GraphQLObjectType> ownObjectTypes() {
        return schema.getAllTypesAsList().stream()
                .filter(t -> t instanceof GraphQLObjectType && !t.getName().startsWith("__"))
                .map(t -> (GraphQLObjectType) t).toList();
    }

    @Test
    void everyTypeFieldAndArgumentIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__") || isBuiltInScalar(type)) {
                continue;
            }
            if (blank(type.getDescription()) && !isConnectionPlumbing(type.getName())) {
                undocumented.add(type.getName());
            }
            if (type instanceof GraphQLObjectType object) {
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    if (blank(field.getDescription()) && !isConnectionPlumbing(object.getName())) {
                        undocumented.add(object.getName() + "." + field.getName());
                    }
                    field.getArguments().stream().filter(a -> blank(a.getDescription()))
                            .forEach(a -> undocumented.add(object.getName() + "." + field.getName() + "(" + a.getName() + ")"));
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                input.getFieldDefinitions().stream().filter(f -> blank(f.getDescription()))
                        .forEach(f -> undocumented.add(input.getName() + "." + f.getName()));
            }
            if (type instanceof GraphQLEnumType e) {
                e.getValues().stream().filter(v -> blank(v.getDescription()))
                        .forEach(v -> undocumented.add(e.getName() + "." + v.getName()));
            }
        }
        assertThat(undocumented).as("types, fields, arguments and enum values without a description").isEmpty();
    }

    @Test
    void listsThatCanGrowAreConnections() {
        List<String> offenders = new ArrayList<>();
        for (GraphQLObjectType type : ownObjectTypes()) {
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                if (isListOfObjects(field.getType()) && !isBounded(field) && !isConnectionPlumbing(type.getName())) {
                    offenders.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertThat(offenders)
                .as("list fields that are neither connections nor documented as bounded ('At most N')")
                .isEmpty();
    }

    @Test
    void connectionsHaveEdgesPageInfoAndTotalCount() {
        for (GraphQLObjectType type : ownObjectTypes()) {
            if (type.getName().endsWith("Connection")) {
                assertThat(type.getFieldDefinition("edges")).as(type.getName() + ".edges").isNotNull();
                assertThat(type.getFieldDefinition("pageInfo")).as(type.getName() + ".pageInfo").isNotNull();
                assertThat(type.getFieldDefinition("totalCount")).as(type.getName() + ".totalCount").isNotNull();
                assertThat(type.getFieldDefinition("edges").getType()).as(type.getName() + ".edges is non-null")
                        .isInstanceOf(GraphQLNonNull.class);
            }
        }
    }

    private static boolean isBounded(GraphQLFieldDefinition field) {
        String description = field.getDescription();
        return description != null && description.matches("(?s).*\\bAt most \\d+.*");
    }

    private static boolean isListOfObjects(GraphQLType type) {
        GraphQLType t = type instanceof GraphQLNonNull nn ? nn.getWrappedType() : type;
        if (!(t instanceof GraphQLList list)) {
            return false;
        }
        GraphQLType item = list.getWrappedType() instanceof GraphQLNonNull nn ? nn.getWrappedType() : list.getWrappedType();
        return item instanceof GraphQLObjectType;
    }

    private static boolean isConnectionPlumbing(String typeName) {
        return typeName.endsWith("Connection") || typeName.endsWith("Edge");
    }

    private static boolean isBuiltInScalar(GraphQLNamedType type) {
        return List.of("String", "Int", "Float", "Boolean", "ID").contains(type.getName());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package org.healthgraph.graphql.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * The declared policy of every field of a schema's object types: the field's own {@code @policy},
 * else its type's. Introspection fields ({@code __schema}, {@code __type}, {@code __typename}) are
 * open: they describe the API, not the data.
 */
public final class FieldPolicies {

    /** The directive's name in the schema. */
    public static final String DIRECTIVE = "policy";

    /** Role by field by type: two look-ups per fetched field, no string built. */
    private final Map<String, Map<String, Role>> byField;
    private final List<String> undeclared;

    private FieldPolicies(Map<String, Map<String, Role>> byField, List<String> undeclared) {
        this.byField = byField;
        this.undeclared = undeclared;
    }

    /** Reads every object type's fields (introspection types aside). */
    public static FieldPolicies of(GraphQLSchema schema) {
        Map<String, Map<String, Role>> byField = new HashMap<>();
        List<String> undeclared = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || type.getName().startsWith("__")) {
                continue;
            }
            Optional<Role> typeDefault = role(object.getAppliedDirective(DIRECTIVE));
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                String name = object.getName() + "." + field.getName();
                Optional<Role> role = role(field.getAppliedDirective(DIRECTIVE)).or(() -> typeDefault);
                if (role.isPresent()) {
                    byField.computeIfAbsent(object.getName(), t -> new HashMap<>()).put(field.getName(), role.get());
                } else {
                    undeclared.add(name);
                }
            }
        }
        undeclared.sort(null);
        return new FieldPolicies(byField, List.copyOf(undeclared));
    }

    private static Optional<Role> role(GraphQLAppliedDirective directive) {
        if (directive == null) {
            return Optional.empty();
        }
        Object value = directive.getArgument("role").getValue();
        return Optional.of(Role.valueOf(String.valueOf(value)));
    }

    /** The role a field needs; empty for introspection fields and fields without a declared policy. */
    public Optional<Role> required(GraphQLFieldsContainer parent, String field) {
        if (field.startsWith("__")) {
            return Optional.empty();
        }
        Map<String, Role> fields = byField.get(parent.getName());
        return fields == null ? Optional.empty() : Optional.ofNullable(fields.get(field));
    }

    /** {@code Type.field} of every field without a declared policy, sorted: none in a sound schema. */
    public List<String> undeclared() {
        return undeclared;
    }
}

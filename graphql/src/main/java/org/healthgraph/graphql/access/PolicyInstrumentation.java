package org.healthgraph.graphql.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.errors.ClientError;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;

/**
 * Enforces the schema's {@code @policy} declarations, in this one place, before any field is
 * fetched: a caller whose roles do not include the field's role gets null and a FORBIDDEN error
 * naming the field and the role, the refusal is audited, and the rest of the answer is served. A
 * field without a declared policy is refused to everyone (fail closed; the schema test keeps there
 * being none).
 */
public final class PolicyInstrumentation extends SimplePerformantInstrumentation {

    private final AuditTrail audit;
    private final Map<GraphQLSchema, FieldPolicies> policies = new ConcurrentHashMap<>();

    public PolicyInstrumentation(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        DataFetchingEnvironment env = parameters.getEnvironment();
        String field = env.getFieldDefinition().getName();
        if (field.startsWith("__") || !(env.getParentType() instanceof GraphQLFieldsContainer parent)
                || parent.getName().startsWith("__")) {
            // Introspection describes the API, not the data.
            return dataFetcher;
        }
        FieldPolicies declared = policies.computeIfAbsent(env.getGraphQLSchema(), FieldPolicies::of);
        Optional<Role> required = declared.required(parent, field);
        Caller caller = Caller.orUnknown(env.getGraphQlContext().get(Caller.CONTEXT_KEY));
        if (required.isPresent() && caller.roles().contains(required.get())) {
            return dataFetcher;
        }
        String name = parent.getName() + "." + field;
        return refused -> {
            audit.record(AuditEvent.refused(caller.actor(), AuditAction.ACCESS_DENIED, name,
                    required.map(r -> "needs the role " + r).orElse("no declared policy")));
            throw ClientError.forbidden(required.map(r -> "field '" + name + "' needs the role " + r + hint(r))
                    .orElse("field '" + name + "' has no declared access policy and is served to nobody"));
        };
    }

    private static String hint(Role role) {
        return role == Role.ANALYST ? " (patient-level data): send 'Authorization: Bearer <token>' with a token whose"
                + " SHA-256 is listed in " + AccessTokens.SETTING : "";
    }
}

package org.healthgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.graphql.access.FieldPolicies;
import org.healthgraph.graphql.access.Role;
import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * Walks the whole served schema: every field of every object type (queries included; mutations and
 * subscriptions too, when there are some) has a declared {@code @policy}, so that a new field cannot
 * be left open by mistake.
 */
class FieldPoliciesTest {

    private static final GraphQLSchema API = ApiSchema.load();

    @Test
    void everyFieldOfEveryObjectTypeHasADeclaredPolicy() {
        assertThat(FieldPolicies.of(API).undeclared())
                .as("fields without @policy (on the field, or on its type as the default)").isEmpty();
    }

    @Test
    void aFieldWithoutAPolicyIsFound() {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse("""
                directive @policy(role: AccessRole!) on OBJECT | FIELD_DEFINITION
                enum AccessRole { READER RESEARCHER ANALYST STEWARD ADMIN }
                type Query { open: String @policy(role: READER) forgotten: Secret }
                type Secret { value: String }
                type Mutation { change: String }
                """));

        assertThat(FieldPolicies.of(schema).undeclared()).containsExactly("Mutation.change", "Query.forgotten", "Secret.value");
    }

    @Test
    void patientLevelFieldsNeedAnAnalystAggregatesAResearcherAndTheCatalogAReader() {
        FieldPolicies policies = FieldPolicies.of(API);

        assertThat(policies.required(type("Query"), "journeyPatient")).hasValue(Role.ANALYST);
        assertThat(policies.required(type("Cohort"), "patients")).hasValue(Role.ANALYST);
        assertThat(policies.required(type("CareEvent"), "start")).hasValue(Role.ANALYST);
        assertThat(policies.required(type("Query"), "cohort")).hasValue(Role.RESEARCHER);
        assertThat(policies.required(type("Cohort"), "count")).hasValue(Role.RESEARCHER);
        assertThat(policies.required(type("Query"), "search")).hasValue(Role.READER);
        assertThat(policies.required(type("Variable"), "description")).hasValue(Role.READER);
    }

    @Test
    void rolesIncludeTheRolesBelowThem() {
        assertThat(Role.ANALYST.included()).contains(Role.READER, Role.RESEARCHER).doesNotContain(Role.STEWARD);
        assertThat(Role.STEWARD.included()).contains(Role.READER).doesNotContain(Role.RESEARCHER);
        assertThat(Role.ADMIN.included()).containsExactlyInAnyOrder(Role.values());
    }

    private static GraphQLObjectType type(String name) {
        return (GraphQLObjectType) API.getType(name);
    }
}

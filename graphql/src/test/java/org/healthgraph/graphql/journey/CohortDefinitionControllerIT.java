package org.healthgraph.graphql.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.PolicyInstrumentation;
import org.healthgraph.graphql.access.Role;
import org.healthgraph.graphql.errors.ApiErrors;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.store.CohortDefinitionStore;
import org.healthgraph.journeys.store.DefinitionName;
import org.healthgraph.journeys.store.JourneyStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/**
 * Saved cohort definitions through the real schema, the field policies and the one error mapping,
 * over the embedded Neo4j: save, versions, list, open, errors, the owner, the policy and the audit.
 */
@SpringBootTest(classes = CohortDefinitionControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CohortDefinitionControllerIT {

    static final List<AuditEvent> AUDITED = Collections.synchronizedList(new ArrayList<>());

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({CohortDefinitionController.class, ApiErrors.class})
    static class App {
        @Bean(destroyMethod = "")
        GraphStore graphStore() {
            return SharedNeo4j.store();
        }

        @Bean
        AuditTrail auditTrail() {
            return AUDITED::add;
        }

        @Bean
        PolicyInstrumentation fieldPolicies(AuditTrail audit) {
            return new PolicyInstrumentation(audit);
        }

        @Bean
        CohortDefinitionStore cohortDefinitionStore(GraphStore graph) {
            CohortDefinitionStore store = JourneyStores.definitionsOn(graph);
            store.ensureSchema();
            return store;
        }
    }

    private static final String FIELDS = "name version versions description savedAt json";
    private static final String SAVE = "mutation($name: String!, $description: String, $query: CohortQuery!) {"
            + " saveCohortDefinition(name: $name, description: $description, query: $query) { " + FIELDS + " } }";
    private static final String LIST = "{ cohortDefinitions { " + FIELDS + " } }";
    private static final String OPEN = "query($name: String!, $version: Int) { cohortDefinition(name: $name, version: $version) { " + FIELDS + " } }";
    private static final Map<String, Object> MI_STATIN = Map.of(
            "index", Map.of("event", Map.of("types", List.of("HOSPITAL_STAY"), "codes", List.of(Map.of("system", "ICD10", "prefix", "I21")))),
            "rules", List.of(Map.of("label", "statine", "condition", Map.of("event", Map.of("codes",
                    List.of(Map.of("system", "ATC", "prefix", "C10AA"))), "anchorSide", "END", "maxDays", 30))));
    private static final Map<String, Object> ANY_STAY = Map.of("index", Map.of("event", Map.of("types", List.of("HOSPITAL_STAY"))));

    @Autowired
    ExecutionGraphQlService graphQl;
    @Autowired
    CohortDefinitionStore store;

    private String researcher;

    @BeforeEach
    void aNewResearcher() {
        researcher = SharedNeo4j.uniqueKey("chercheur");
        AUDITED.clear();
    }

    @Test
    void aResearcherSavesTwiceUnderOneNameAndOpensEitherVersionAndTheListShowsTheLast() {
        Map<String, Object> first = data(run(researcher(), SAVE, Map.of("name", "IDM puis statine", "description", "essai", "query", ANY_STAY)),
                "saveCohortDefinition");
        Map<String, Object> second = data(run(researcher(), SAVE, Map.of("name", "IDM puis statine", "query", MI_STATIN)),
                "saveCohortDefinition");

        assertThat(first).containsEntry("version", 1).containsEntry("description", "essai").containsEntry("versions", List.of(1));
        assertThat(second).containsEntry("version", 2).containsEntry("description", "").containsEntry("versions", List.of(1, 2));
        assertThat((String) second.get("json")).isEqualTo(CohortQueries.toJson(CohortQueries.fromMap(MI_STATIN)));
        List<Map<String, Object>> list = data(run(researcher(), LIST, Map.of()), "cohortDefinitions");
        assertThat(list).singleElement().satisfies(d -> assertThat(d).containsEntry("name", "IDM puis statine").containsEntry("version", 2));
        Map<String, Object> v1 = data(run(researcher(), OPEN, Map.of("name", "IDM puis statine", "version", 1)), "cohortDefinition");
        assertThat(v1).containsEntry("version", 1).containsEntry("description", "essai");
        assertThat(CohortQueries.parse((String) v1.get("json"))).isEqualTo(CohortQueries.fromMap(ANY_STAY));
        Map<String, Object> last = data(run(researcher(), OPEN, Map.of("name", "IDM puis statine")), "cohortDefinition");
        assertThat(last).containsEntry("version", 2);
        assertThat(AUDITED).filteredOn(e -> e.action() == AuditAction.COHORT_DEFINITION_SAVED)
                .extracting(AuditEvent::actor, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(researcher, "cohort definition 'IDM puis statine' version 1"),
                        org.assertj.core.groups.Tuple.tuple(researcher, "cohort definition 'IDM puis statine' version 2"));
    }

    @Test
    void definitionsAreTheirOwnersOnlyAnotherResearcherNeitherListsNorOpensThem() {
        data(run(researcher(), SAVE, Map.of("name", "privée", "query", ANY_STAY)), "saveCohortDefinition");
        Caller other = Caller.of(SharedNeo4j.uniqueKey("autre"), EnumSet.of(Role.RESEARCHER));

        assertThat(this.<List<?>>data(run(other, LIST, Map.of()), "cohortDefinitions")).isEmpty();
        ExecutionGraphQlResponse opened = run(other, OPEN, Map.of("name", "privée"));
        assertThat(error(opened).getExtensions()).containsEntry("kind", "NOT_FOUND");
    }

    @Test
    void anUnknownVersionIsNotFoundAndABadNameOrQueryIsABadRequestThatSavesNothing() {
        data(run(researcher(), SAVE, Map.of("name", "cohorte", "query", ANY_STAY)), "saveCohortDefinition");

        ResponseError unknown = error(run(researcher(), OPEN, Map.of("name", "cohorte", "version", 9)));
        ResponseError blank = error(run(researcher(), SAVE, Map.of("name", "  ", "query", ANY_STAY)));
        ResponseError badQuery = error(run(researcher(), SAVE, Map.of("name", "cohorte", "query",
                Map.of("index", Map.of("event", Map.of("codes", List.of(Map.of("system", "NOPE", "prefix", "X"))))))));

        assertThat(unknown.getExtensions()).containsEntry("kind", "NOT_FOUND");
        assertThat(unknown.getMessage()).contains("version: 9 is not a version").contains("[1]");
        assertThat(blank.getExtensions()).containsEntry("kind", "INVALID_INPUT");
        assertThat(blank.getMessage()).contains("name: a cohort definition's name is 1 to 100 characters");
        assertThat(badQuery.getMessage()).contains("query: ").contains("NOPE");
        assertThat(store.versions(researcher, new DefinitionName("cohorte"))).containsExactly(1);
    }

    @Test
    void aCallerWithoutResearcherIsRefusedAndNothingIsSaved() {
        for (Role role : List.of(Role.READER, Role.STEWARD)) {
            Caller caller = Caller.of(researcher, EnumSet.of(role));
            ResponseError save = error(run(caller, SAVE, Map.of("name", "refusée", "query", ANY_STAY)));
            ResponseError list = error(run(caller, LIST, Map.of()));
            assertThat(save.getExtensions()).as(role.name()).containsEntry("kind", "FORBIDDEN");
            assertThat(list.getExtensions()).as(role.name()).containsEntry("kind", "FORBIDDEN");
        }
        assertThat(store.find(researcher, new DefinitionName("refusée"), OptionalInt.empty())).isEmpty();
        assertThat(AUDITED).noneMatch(e -> e.action() == AuditAction.COHORT_DEFINITION_SAVED);
    }

    @Test
    void anAnalystIncludesResearcherAndSavesToo() {
        Caller analyst = Caller.of(researcher, EnumSet.of(Role.ANALYST));

        assertThat(this.<Map<String, Object>>data(run(analyst, SAVE, Map.of("name", "analyse", "query", ANY_STAY)), "saveCohortDefinition"))
                .containsEntry("version", 1);
    }

    private Caller researcher() {
        return Caller.of(researcher, EnumSet.of(Role.RESEARCHER));
    }

    private <T> T data(ExecutionGraphQlResponse r, String field) {
        assertThat(r.getErrors()).isEmpty();
        return r.field(field).getValue();
    }

    private static ResponseError error(ExecutionGraphQlResponse r) {
        assertThat(r.getErrors()).hasSize(1);
        return r.getErrors().getFirst();
    }

    private ExecutionGraphQlResponse run(Caller caller, String document, Map<String, Object> variables) {
        DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(document, null, variables, Map.of(),
                UUID.randomUUID().toString(), null);
        request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(Map.of(Caller.CONTEXT_KEY, caller)).build());
        return graphQl.execute(request).block();
    }
}

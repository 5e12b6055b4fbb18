package org.healthgraph.graphql.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.curation.Curation;
import org.healthgraph.catalog.curation.CurationLimits;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.PolicyInstrumentation;
import org.healthgraph.graphql.access.Role;
import org.healthgraph.graphql.errors.ApiErrors;
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
 * The curation mutations and queries through the real schema, the field policies and the one error
 * mapping, over the embedded Neo4j; each request carries a {@link Caller} in its GraphQL context, as
 * the access interceptor puts it there (stewards are named here until identities exist).
 */
@SpringBootTest(classes = CurationControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CurationControllerIT {

    static final List<AuditEvent> AUDITED = Collections.synchronizedList(new ArrayList<>());

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({CurationController.class, ApiErrors.class})
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
        CatalogWriter catalogWriter(GraphStore store) {
            CatalogWriter writer = Catalogs.writer(store);
            writer.ensureSchema();
            return writer;
        }

        @Bean
        Curation curation(GraphStore store, CatalogWriter writer, AuditTrail audit) {
            return Catalogs.curation(store, writer, audit, new CurationLimits(1_000, 100, 100));
        }
    }

    private static final String PROPOSE = """
            mutation($input: ProposeChangeInput!) { proposeChange(input: $input) {
              clientMutationId proposal { id status author reason entryCount
                changes { totalCount edges { node { kind key baseVersion fields { field oldValue newValue } } } } } } }
            """;
    private static final String APPROVE = """
            mutation($id: ID!) { approveProposal(input: {id: $id, comment: "vu", clientMutationId: "m2"}) {
              clientMutationId proposal { status review { reviewer comment } } } }
            """;

    @Autowired
    ExecutionGraphQlService graphQl;
    @Autowired
    CatalogWriter writer;

    private String table;
    private String variable;

    @BeforeEach
    void writeCatalog() {
        table = SharedNeo4j.uniqueKey("CUR");
        variable = table + ".ID";
        writer.write(CatalogUnit.of("cur").withDatasets(List.of(Dataset.named("P " + table)))
                .withTables(List.of(new Table(TableName.of(table), "Table", "P " + table, "", "", History.NONE, List.of())))
                .withVariables(List.of(Variable.simple(VariableRef.of(table, "ID"), 0, "Identifiant", "string",
                        Optional.empty()))));
        AUDITED.clear();
    }

    @Test
    void aStewardProposesAnotherSeesTheDiffInTheQueueAndApprovesAndAReaderReadsTheHistory() {
        ExecutionGraphQlResponse proposed = run(steward("alice"), PROPOSE, Map.of("input", Map.of(
                "clientMutationId", "m1", "reason", "plus clair",
                "changes", List.of(Map.of("kind", "VARIABLE", "key", variable, "version", 0,
                        "description", "Identifiant <b>pseudonymisé</b>", "tags", List.of("clé"))))));
        assertThat(proposed.getErrors()).isEmpty();
        assertThat(proposed.field("proposeChange.clientMutationId").<String>getValue()).isEqualTo("m1");
        assertThat(proposed.field("proposeChange.proposal.author").<String>getValue()).isEqualTo("alice");
        assertThat(proposed.field("proposeChange.proposal.changes.edges[0].node.fields[0].oldValue").<String>getValue())
                .isEqualTo("Identifiant");
        String id = proposed.field("proposeChange.proposal.id").getValue();

        ExecutionGraphQlResponse queue = run(steward("bob"), """
                { reviewQueue(first: 100) { edges { node { id reason changes { edges { node { key
                  fields { field oldValue newValue } } } } } } } }""", Map.of());
        assertThat(queue.getErrors()).isEmpty();
        assertThat(queue.field("reviewQueue.edges").<List<Map<String, Object>>>getValue().toString())
                .contains(id, "Identifiant <b>pseudonymisé</b>");

        ExecutionGraphQlResponse approved = run(steward("bob"), APPROVE, Map.of("id", id));
        assertThat(approved.getErrors()).isEmpty();
        assertThat(approved.field("approveProposal.proposal.status").<String>getValue()).isEqualTo("APPROVED");
        assertThat(approved.field("approveProposal.proposal.review.reviewer").<String>getValue()).isEqualTo("bob");

        ExecutionGraphQlResponse history = run(reader(), """
                query($key: String!) { catalogEntryHistory(kind: VARIABLE, key: $key) { version
                  current { description tags } atVersion(version: 0) { description tags }
                  revisions { totalCount edges { node { version field author reviewer reason proposal } } } } }""",
                Map.of("key", variable));
        assertThat(history.getErrors()).isEmpty();
        assertThat(history.field("catalogEntryHistory.version").<Integer>getValue()).isEqualTo(1);
        assertThat(history.field("catalogEntryHistory.current.description").<String>getValue())
                .isEqualTo("Identifiant <b>pseudonymisé</b>");
        assertThat(history.field("catalogEntryHistory.atVersion.description").<String>getValue()).isEqualTo("Identifiant");
        assertThat(history.field("catalogEntryHistory.revisions.totalCount").<Integer>getValue()).isEqualTo(2);
        assertThat(history.field("catalogEntryHistory.revisions.edges[0].node.reviewer").<String>getValue()).isEqualTo("bob");
        assertThat(AUDITED).extracting(AuditEvent::action).contains(AuditAction.PROPOSAL, AuditAction.APPROVAL);
    }

    @Test
    void approvingOnesOwnProposalIsForbiddenWithATypedErrorAndChangesNothing() {
        String id = propose("alice", "autre");

        ExecutionGraphQlResponse r = run(steward("alice"), APPROVE, Map.of("id", id));

        assertThat(r.field("approveProposal").<Object>getValue()).isNull();
        assertThat(error(r).getExtensions()).containsEntry("kind", "FORBIDDEN");
        assertThat(error(r).getErrorType()).hasToString("FORBIDDEN");
        assertThat(error(r).getMessage()).contains("another steward");
        assertThat(version()).isZero();
        assertThat(AUDITED.getLast().outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
    }

    @Test
    void aStaleProposalIsAConflictAnUnknownEntryNotFoundAndAnOversizedDescriptionABadRequest() {
        String first = propose("alice", "un");
        String second = propose("carol", "deux");
        assertThat(run(steward("bob"), APPROVE, Map.of("id", first)).getErrors()).isEmpty();

        ExecutionGraphQlResponse stale = run(steward("bob"), APPROVE, Map.of("id", second));
        assertThat(error(stale).getExtensions()).containsEntry("kind", "CONFLICT");
        assertThat(error(stale).getMessage()).contains(variable, "version 1", "version 0");

        ExecutionGraphQlResponse unknown = run(steward("alice"), PROPOSE, Map.of("input", Map.of("reason", "r",
                "changes", List.of(Map.of("kind", "VARIABLE", "key", table + ".NOPE", "description", "x")))));
        assertThat(error(unknown).getExtensions()).containsEntry("kind", "NOT_FOUND");

        ExecutionGraphQlResponse big = run(steward("alice"), PROPOSE, Map.of("input", Map.of("reason", "r",
                "changes", List.of(Map.of("kind", "VARIABLE", "key", variable, "description", "x".repeat(1_001))))));
        assertThat(error(big).getExtensions()).containsEntry("kind", "INVALID_INPUT");
        assertThat(error(big).getErrorType()).hasToString("BAD_REQUEST");
        assertThat(error(big).getMessage()).contains("limit of 1000", "healthgraph.imports.max-text-length");
        assertThat(version()).isEqualTo(1);
    }

    @Test
    void aCallerWithoutTheStewardRoleCanNeitherProposeNorSeeTheQueue() {
        ExecutionGraphQlResponse r = run(reader(), PROPOSE, Map.of("input", Map.of("reason", "r",
                "changes", List.of(Map.of("kind", "VARIABLE", "key", variable, "description", "x")))));
        assertThat(r.field("proposeChange").<Object>getValue()).isNull();
        assertThat(error(r).getExtensions()).containsEntry("kind", "FORBIDDEN");

        ExecutionGraphQlResponse queue = run(reader(), "{ reviewQueue { totalCount } }", Map.of());
        assertThat(error(queue).getExtensions()).containsEntry("kind", "FORBIDDEN");
        assertThat(AUDITED).noneMatch(e -> e.action() == AuditAction.PROPOSAL);
        assertThat(version()).isZero();
    }

    private String propose(String author, String description) {
        ExecutionGraphQlResponse r = run(steward(author), PROPOSE, Map.of("input", Map.of("reason", "r",
                "changes", List.of(Map.of("kind", "VARIABLE", "key", variable, "description", description)))));
        assertThat(r.getErrors()).isEmpty();
        return r.field("proposeChange.proposal.id").getValue();
    }

    private int version() {
        return run(reader(), "query($key: String!) { catalogEntryHistory(kind: VARIABLE, key: $key) { version } }",
                Map.of("key", variable)).field("catalogEntryHistory.version").<Integer>getValue();
    }

    private static ResponseError error(ExecutionGraphQlResponse r) {
        assertThat(r.getErrors()).hasSize(1);
        return r.getErrors().getFirst();
    }

    private static Caller steward(String name) {
        return Caller.of(name, EnumSet.of(Role.STEWARD));
    }

    private static Caller reader() {
        return Caller.of("anonymous@127.0.0.1", EnumSet.of(Role.READER));
    }

    private ExecutionGraphQlResponse run(Caller caller, String document, Map<String, Object> variables) {
        DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(document, null, variables, Map.of(),
                UUID.randomUUID().toString(), null);
        request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(Map.of(Caller.CONTEXT_KEY, caller)).build());
        return graphQl.execute(request).block();
    }
}

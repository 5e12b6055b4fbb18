package org.healthgraph.graphql.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.review.ClericalReview;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;
import org.healthgraph.linkage.store.RunPair;
import org.healthgraph.linkage.store.StoredLink;
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
 * Linkage runs and their review through the real schema, the field policies and the one error
 * mapping, over the embedded Neo4j: a run with two sure links and two pairs of the review band.
 */
@SpringBootTest(classes = LinkageControllerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LinkageControllerIT {

    static final List<AuditEvent> AUDITED = Collections.synchronizedList(new ArrayList<>());

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({LinkageController.class, ApiErrors.class})
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
        LinkStore linkStore(GraphStore graph) {
            LinkStore store = LinkStores.on(graph);
            store.ensureSchema();
            return store;
        }

        @Bean
        ClericalReview clericalReview(LinkStore store) {
            return new ClericalReview(store, Clock.systemUTC());
        }
    }

    private static final String SUMMARY = """
            query($id: ID!) { linkageRun(id: $id) { id source strategy inputs { name records } blockingRules { rule pairs }
              candidatePairs engineLinks threshold reviewBand { low high } prior priorWeight
              model { field level m u weight } estimates { precision recall expectedMatches }
              review { queued pending accepted rejected links estimates { precision recall } }
              weightHistogram { from to count } } }""";
    private static final String REVIEW = """
            mutation($input: ReviewLinkagePairInput!) { reviewLinkagePair(input: $input) {
              clientMutationId decision { verdict comment steward } pair { linked decision { verdict } history { verdict }
              } review { accepted rejected pending links } } }""";

    @Autowired
    ExecutionGraphQlService graphQl;
    @Autowired
    LinkStore store;

    private String runId;
    private String source;

    @BeforeEach
    void saveARun() {
        runId = SharedNeo4j.uniqueKey("RUN");
        source = SharedNeo4j.uniqueKey("COHORT");
        double[] p = {0.99, 0.6, 0.99, 0.3};
        List<RunPair> pairs = new ArrayList<>();
        List<StoredLink> links = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            boolean linked = p[i] >= 0.5;
            Explanation e = new Explanation("L" + i, "R" + i, -9.0, List.of(
                    new Explanation.Contribution("nom", i == 1 ? "jaro-winkler>=0.92" : "exact", 7.5, 0.4),
                    new Explanation.Contribution("date_naissance", "exact", 5.0, 0)), 3.5, 0.92, Optional.empty());
            pairs.add(new RunPair(runId, i, "L" + i, "R" + i, p[i], OptionalDouble.empty(), OptionalDouble.of(3.5),
                    "fellegi-sunter", linked, p[i] < 0.9, Optional.of(e),
                    List.of(new RunPair.FieldValues("nom", "MARTIN", i == 1 ? "MARTINS" : "MARTIN"),
                            new RunPair.FieldValues("date_naissance", "1970-01-02", "1970-01-02"))));
            if (linked) {
                links.add(new StoredLink(source, "L" + i, "R" + i, p[i], OptionalDouble.of(3.5), "fellegi-sunter", ""));
            }
        }
        store.write(links);
        LinkageModel model = new LinkageModel(List.of(new LinkageModel.FieldModel("nom", List.of(
                new LinkageModel.Level("exact", 0.9, 0.01, 0.011), new LinkageModel.Level("else", 0.1, 0.99, 0.989)))), 0.002, 9);
        store.saveRun(new LinkRun(runId, Instant.now(), source, "fellegi-sunter",
                List.of(new LinkRun.Input("cohort.csv", 4), new LinkRun.Input("register.csv", 40)),
                List.of(new LinkRun.Rule("same birth date", 120)), Optional.of(model),
                new LinkRun.Estimates(2.58 / 3, 2.58 / 3.2, 3.2, OptionalDouble.empty()), 0.5, new LinkRun.ReviewBand(0.2, 0.9),
                120, 3, List.of(new LinkRun.Bin(0, 5, 3))), pairs);
        AUDITED.clear();
    }

    @Test
    void aStewardReadsTheRunsSummaryWithItsModelTableAndEstimates() {
        ExecutionGraphQlResponse r = run(steward("ann"), SUMMARY, Map.of("id", runId));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("linkageRun.source").<String>getValue()).isEqualTo(source);
        assertThat(r.field("linkageRun.blockingRules[0].pairs").<Double>getValue()).isEqualTo(120.0);
        assertThat(r.field("linkageRun.model[0].weight").<Double>getValue()).isCloseTo(Math.log(90) / Math.log(2), offset(1e-9));
        assertThat(r.field("linkageRun.review.queued").<Integer>getValue()).isEqualTo(2);
        assertThat(r.field("linkageRun.review.links").<Integer>getValue()).isEqualTo(3);
        assertThat(run(steward("ann"), "{ linkageRuns { id } }", Map.of()).field("linkageRuns").<List<Map<String, Object>>>getValue())
                .extracting(m -> m.get("id")).contains(runId);
    }

    @Test
    void pairsArePagedAndFilteredByProbabilityAndEachReadIsAuditedWithoutRecordIds() {
        ExecutionGraphQlResponse r = run(steward("ann"), """
                query($id: ID!) { linkageRun(id: $id) { pairs(first: 1, minProbability: 0.5) { totalCount
                  pageInfo { hasNextPage endCursor } edges { node { leftId decisionProbability } } } } }""", Map.of("id", runId));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("linkageRun.pairs.totalCount").<Integer>getValue()).isEqualTo(3);
        assertThat(r.field("linkageRun.pairs.pageInfo.hasNextPage").<Boolean>getValue()).isTrue();
        assertThat(r.field("linkageRun.pairs.edges[0].node.leftId").<String>getValue()).isEqualTo("L0");
        assertThat(AUDITED).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.PATIENT_READ);
            assertThat(e.toString()).doesNotContain("L0", "R0");
        });
    }

    @Test
    void aPairsWaterfallSumsToItsWeightAndShowsBothRecordsWithTheirLevels() {
        ExecutionGraphQlResponse r = run(steward("ann"), """
                query($id: ID!) { linkageRun(id: $id) { pair(leftId: "L1", rightId: "R1") {
                  waterfall { prior steps { field level weight termFrequencyAdjustment } weight probability }
                  fields { field left right level } } } }""", Map.of("id", runId));

        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("linkageRun.pair.waterfall.steps[0].termFrequencyAdjustment").<Double>getValue()).isEqualTo(0.4);
        assertThat(r.field("linkageRun.pair.fields[0]").<Map<String, Object>>getValue())
                .containsEntry("left", "MARTIN").containsEntry("right", "MARTINS").containsEntry("level", "jaro-winkler>=0.92");
        assertThat(r.field("linkageRun.pair.waterfall.weight").<Double>getValue()).isEqualTo(3.5);
    }

    @Test
    void aStewardAcceptsOnePairAndRejectsAnotherAndTheRunsReviewStateAndLinksFollow() {
        ExecutionGraphQlResponse accepted = run(steward("ann"), REVIEW, Map.of("input", Map.of("run", runId, "leftId", "L3",
                "rightId", "R3", "verdict", "ACCEPT", "comment", "nom d'usage", "clientMutationId", "m1")));
        ExecutionGraphQlResponse rejected = run(steward("bob"), REVIEW, Map.of("input", Map.of("run", runId, "leftId", "L1",
                "rightId", "R1", "verdict", "REJECT")));

        assertThat(accepted.getErrors()).isEmpty();
        assertThat(accepted.field("reviewLinkagePair.decision.steward").<String>getValue()).isEqualTo("ann");
        assertThat(accepted.field("reviewLinkagePair.pair.linked").<Boolean>getValue()).isTrue();
        assertThat(rejected.field("reviewLinkagePair.pair.linked").<Boolean>getValue()).isFalse();
        assertThat(rejected.field("reviewLinkagePair.review").<Map<String, Object>>getValue())
                .containsEntry("accepted", 1).containsEntry("rejected", 1).containsEntry("pending", 0).containsEntry("links", 3);
        assertThat(store.ofRecord(source, "L3")).singleElement().satisfies(l -> assertThat(l.method()).isEqualTo("clerical-review"));
        assertThat(store.ofRecord(source, "L1")).isEmpty();
        assertThat(AUDITED).filteredOn(e -> e.action() == AuditAction.LINKAGE_REVIEW).hasSize(2)
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("L1", "L3", "R1", "R3", "nom d'usage"));
    }

    @Test
    void aPairOutsideTheBandIsABadRequestAndAnUnknownRunNotFound() {
        ExecutionGraphQlResponse outside = run(steward("ann"), REVIEW, Map.of("input", Map.of("run", runId, "leftId", "L0",
                "rightId", "R0", "verdict", "REJECT")));
        ExecutionGraphQlResponse unknown = run(steward("ann"), REVIEW, Map.of("input", Map.of("run", "nope", "leftId", "L0",
                "rightId", "R0", "verdict", "REJECT")));

        assertThat(error(outside).getErrorType()).hasToString("BAD_REQUEST");
        assertThat(error(outside).getMessage()).contains("review band").doesNotContain("L0");
        assertThat(error(unknown).getExtensions()).containsEntry("kind", "NOT_FOUND");
        assertThat(store.ofRecord(source, "L0")).hasSize(1);
    }

    @Test
    void researchersAnalystsAndReadersSeeNeitherRunsNorPairs() {
        for (Role role : List.of(Role.READER, Role.RESEARCHER, Role.ANALYST)) {
            Caller caller = Caller.of("someone", EnumSet.of(role));
            ExecutionGraphQlResponse r = run(caller, SUMMARY, Map.of("id", runId));
            assertThat(r.field("linkageRun").<Object>getValue()).isNull();
            assertThat(error(r).getExtensions()).containsEntry("kind", "FORBIDDEN");
            ExecutionGraphQlResponse m = run(caller, REVIEW, Map.of("input", Map.of("run", runId, "leftId", "L1",
                    "rightId", "R1", "verdict", "REJECT")));
            assertThat(error(m).getExtensions()).containsEntry("kind", "FORBIDDEN");
        }
        assertThat(store.decisions(runId)).isEmpty();
    }

    private static ResponseError error(ExecutionGraphQlResponse r) {
        assertThat(r.getErrors()).hasSize(1);
        return r.getErrors().getFirst();
    }

    private static Caller steward(String name) {
        return Caller.of(name, EnumSet.of(Role.STEWARD));
    }

    private ExecutionGraphQlResponse run(Caller caller, String document, Map<String, Object> variables) {
        DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(document, null, variables, Map.of(),
                UUID.randomUUID().toString(), null);
        request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(Map.of(Caller.CONTEXT_KEY, caller)).build());
        return graphQl.execute(request).block();
    }
}

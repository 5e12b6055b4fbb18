package org.healthgraph.graphql.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.linkage.LinkageViews.DecisionView;
import org.healthgraph.graphql.linkage.LinkageViews.PairView;
import org.healthgraph.graphql.linkage.LinkageViews.RunView;
import org.healthgraph.graphql.linkage.LinkageViews.StatusView;
import org.healthgraph.graphql.paging.Connection;
import org.healthgraph.graphql.paging.PageRequest;
import org.healthgraph.linkage.review.ClericalReview;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.PairPage;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves linkage runs, their pairs and the clerical review mutation. The field policies (STEWARD)
 * are checked before any of these methods runs; every read of pairs (patient-level) and every
 * decision is audited, with the run's id and the pairs' count or place, never a record id.
 */
@Controller
public final class LinkageController {

    /** The most runs listed. */
    static final int MAX_RUNS = 1_000;

    private final LinkStore store;
    private final ClericalReview review;
    private final AuditTrail audit;

    public LinkageController(LinkStore store, ClericalReview review, AuditTrail audit) {
        this.store = store;
        this.review = review;
        this.audit = audit;
    }

    /** The input of {@code reviewLinkagePair}. */
    public record ReviewInput(String run, String leftId, String rightId, ReviewDecision.Verdict verdict, String comment,
                              String clientMutationId) {
    }

    /** The payload of {@code reviewLinkagePair}. */
    public record ReviewPayload(String clientMutationId, DecisionView decision, PairView pair, StatusView review) {
    }

    @QueryMapping
    public List<RunView> linkageRuns() {
        return store.runs().stream().limit(MAX_RUNS).map(RunView::of).toList();
    }

    @QueryMapping
    public RunView linkageRun(@Argument String id) {
        return store.run(id).map(RunView::of).orElse(null);
    }

    @SchemaMapping(typeName = "LinkageRun", field = "review")
    public StatusView review(RunView run) {
        return StatusView.of(review.status(run.id()));
    }

    @SchemaMapping(typeName = "LinkageRun", field = "pairs")
    public Connection<PairView> pairs(RunView run, @Argument Integer first, @Argument String after,
                                      @Argument Double minProbability, @Argument Double maxProbability,
                                      @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        PairQuery q = new PairQuery(minProbability == null ? 0 : minProbability, maxProbability == null ? 1 : maxProbability, false);
        PairPage page = store.pairs(run.id(), q, Optional.ofNullable(after), size(first));
        return audited(caller, run, "LinkageRun.pairs", page);
    }

    @SchemaMapping(typeName = "LinkageRun", field = "reviewQueue")
    public Connection<PairView> reviewQueue(RunView run, @Argument Integer first, @Argument String after,
                                            @Argument Boolean pendingOnly,
                                            @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        PairPage page = review.queue(run.id(), Boolean.TRUE.equals(pendingOnly), Optional.ofNullable(after), size(first));
        return audited(caller, run, "LinkageRun.reviewQueue", page);
    }

    @SchemaMapping(typeName = "LinkageRun", field = "pair")
    public PairView pair(RunView run, @Argument String leftId, @Argument String rightId,
                         @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        Optional<RunPair> pair = store.pair(run.id(), leftId, rightId);
        pair.ifPresent(p -> audit.record(AuditEvent.allowed(Caller.orUnknown(caller).actor(), AuditAction.PATIENT_READ,
                "LinkageRun.pair", 1, "run " + run.id() + ", pair " + p.ordinal())));
        return pair.map(p -> PairView.of(p, store.decisions(run.id()))).orElse(null);
    }

    @MutationMapping
    public ReviewPayload reviewLinkagePair(@Argument ReviewInput input,
                                           @ContextValue(name = Caller.CONTEXT_KEY, required = false) Caller caller) {
        String steward = Caller.orUnknown(caller).actor();
        ReviewDecision d = review.decide(input.run(), input.leftId(), input.rightId(), input.verdict(),
                Optional.ofNullable(input.comment()), steward);
        RunPair pair = store.pair(input.run(), input.leftId(), input.rightId()).orElseThrow();
        audit.record(AuditEvent.allowed(steward, AuditAction.LINKAGE_REVIEW, "Mutation.reviewLinkagePair", 1,
                "run " + input.run() + ", pair " + pair.ordinal() + ", " + d.verdict()));
        return new ReviewPayload(input.clientMutationId(), DecisionView.of(d), PairView.of(pair, store.decisions(input.run())),
                StatusView.of(review.status(input.run())));
    }

    private Connection<PairView> audited(Caller caller, RunView run, String target, PairPage page) {
        if (!page.pairs().isEmpty()) {
            audit.record(AuditEvent.allowed(Caller.orUnknown(caller).actor(), AuditAction.PATIENT_READ, target,
                    page.pairs().size(), "run " + run.id()));
        }
        List<ReviewDecision> decisions = store.decisions(run.id());
        List<Connection.Edge<PairView>> edges = new ArrayList<>();
        for (RunPair p : page.pairs()) {
            edges.add(new Connection.Edge<>(Integer.toString(p.ordinal()), PairView.of(p, decisions)));
        }
        return new Connection<>(edges, new Connection.PageInfo(page.hasNextPage(), false,
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()),
                page.totalCount());
    }

    private static int size(Integer first) {
        return Math.max(1, PageRequest.of(first, null).limit());
    }
}

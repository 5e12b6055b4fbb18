package org.healthgraph.linkage.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graph.testing.SharedTinkerGraph;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;
import org.healthgraph.linkage.store.ReviewDecision.Verdict;
import org.healthgraph.linkage.store.RunPair;
import org.healthgraph.linkage.store.StoredLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review loop on a real graph (the embedded TinkerGraph): queue, decisions, links and estimates. */
class ClericalReviewIT {

    private final LinkStore store = LinkStores.on(SharedTinkerGraph.store());
    private final ClericalReview review = new ClericalReview(store, Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), ZoneOffset.UTC));
    private String runId;
    private String source;

    /** Four links: two sure (0.99), two in the band (0.6 and 0.8); expected matches 4.0. */
    @BeforeEach
    void saveARun() {
        store.ensureSchema();
        runId = SharedNeo4j.uniqueKey("RUN");
        source = SharedNeo4j.uniqueKey("COHORT");
        double[] p = {0.99, 0.6, 0.99, 0.8};
        List<RunPair> pairs = new ArrayList<>();
        List<StoredLink> links = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            pairs.add(new RunPair(runId, i, "L" + i, "R" + i, p[i], OptionalDouble.empty(), OptionalDouble.of(3.0),
                    "fellegi-sunter", true, p[i] < 0.9, Optional.empty(), List.of()));
            links.add(new StoredLink(source, "L" + i, "R" + i, p[i], OptionalDouble.of(3.0), "fellegi-sunter", ""));
        }
        store.write(links);
        store.saveRun(new LinkRun(runId, Instant.parse("2026-04-30T08:00:00Z"), source, "fellegi-sunter", List.of(), List.of(),
                Optional.empty(), new LinkRun.Estimates(3.38 / 4, 3.38 / 4.0, 4.0, OptionalDouble.empty()), 0.5,
                new LinkRun.ReviewBand(0.2, 0.9), 10, 4, List.of()), pairs);
    }

    @Test
    void theQueueHoldsThePairsOfTheBandAndShrinksAsStewardsDecide() {
        assertThat(review.queue(runId, true, Optional.empty(), 10).pairs()).extracting(RunPair::leftId).containsExactly("L1", "L3");

        review.decide(runId, "L1", "R1", Verdict.ACCEPT, Optional.empty(), "steward");

        assertThat(review.queue(runId, true, Optional.empty(), 10).pairs()).extracting(RunPair::leftId).containsExactly("L3");
        assertThat(review.queue(runId, false, Optional.empty(), 10).pairs()).extracting(RunPair::leftId).containsExactly("L1", "L3");
    }

    @Test
    void anAcceptedPairStaysLinkedByReviewAndARejectedOneIsUnlinked() {
        review.decide(runId, "L1", "R1", Verdict.ACCEPT, Optional.of("same person, married name"), "ann");
        review.decide(runId, "L3", "R3", Verdict.REJECT, Optional.empty(), "ann");

        assertThat(store.ofRecord(source, "L1")).singleElement()
                .satisfies(l -> assertThat(l.method()).isEqualTo(ClericalReview.ACCEPTED_METHOD));
        assertThat(store.ofRecord(source, "L3")).isEmpty();
        assertThat(store.ofRecord(source, "L0")).hasSize(1);
    }

    @Test
    void theEstimatesCountAcceptedPairsAsMatchesAndRejectedOnesAsNone() {
        ClericalReview.Status before = review.status(runId);
        assertThat(before.links()).isEqualTo(4);
        assertThat(before.pending()).isEqualTo(2);
        assertThat(before.estimates().precision()).isCloseTo(3.38 / 4, offset(1e-9));

        review.decide(runId, "L1", "R1", Verdict.ACCEPT, Optional.empty(), "ann");
        review.decide(runId, "L3", "R3", Verdict.REJECT, Optional.empty(), "ann");
        ClericalReview.Status after = review.status(runId);

        assertThat(after.accepted()).isEqualTo(1);
        assertThat(after.rejected()).isEqualTo(1);
        assertThat(after.pending()).isZero();
        assertThat(after.links()).isEqualTo(3);
        // links 0.99 + 1 + 0.99 over 3; expected matches 4 + (1 - 0.6) - 0.8 = 3.6
        assertThat(after.estimates().precision()).isCloseTo(2.98 / 3, offset(1e-9));
        assertThat(after.estimates().expectedMatches()).isCloseTo(3.6, offset(1e-9));
        assertThat(after.estimates().recall()).isCloseTo(2.98 / 3.6, offset(1e-9));
    }

    @Test
    void twoStewardsWhoDisagreeLeaveTheLastDecisionInForceAndBothInTheHistory() {
        ClericalReview later = new ClericalReview(store, Clock.fixed(Instant.parse("2026-05-01T09:00:00Z"), ZoneOffset.UTC));
        review.decide(runId, "L1", "R1", Verdict.ACCEPT, Optional.empty(), "ann");
        later.decide(runId, "L1", "R1", Verdict.REJECT, Optional.of("different birth place"), "bob");

        assertThat(review.history(runId, "L1", "R1")).extracting(d -> d.steward() + ":" + d.verdict())
                .containsExactly("ann:ACCEPT", "bob:REJECT");
        assertThat(review.latest(runId).get(new ClericalReview.PairKey("L1", "R1")).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(store.ofRecord(source, "L1")).isEmpty();
        assertThat(review.labels(runId)).containsExactly(new ClericalReview.LabelledPair("L1", "R1", false));
    }

    @Test
    void anUnsureDecisionLeavesTheEnginesLink() {
        review.decide(runId, "L3", "R3", Verdict.REJECT, Optional.empty(), "ann");
        review.decide(runId, "L3", "R3", Verdict.UNSURE, Optional.empty(), "ann");

        assertThat(store.ofRecord(source, "L3")).singleElement()
                .satisfies(l -> assertThat(l.method()).isEqualTo("fellegi-sunter"));
        assertThat(review.labels(runId)).isEmpty();
    }

    @Test
    void aPairOutsideTheBandOrUnknownIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> review.decide(runId, "L0", "R0", Verdict.REJECT, Optional.empty(), "ann"))
                .isInstanceOf(LinkageException.class).hasMessageContaining("review band")
                .extracting(e -> ((LinkageException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThatThrownBy(() -> review.decide(runId, "L1", "R9", Verdict.ACCEPT, Optional.empty(), "ann"))
                .isInstanceOf(LinkageException.class).extracting(e -> ((LinkageException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThatThrownBy(() -> review.status(SharedNeo4j.uniqueKey("NONE")))
                .extracting(e -> ((LinkageException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(store.decisions(runId)).isEmpty();
        assertThat(store.ofRecord(source, "L0")).hasSize(1);
    }
}

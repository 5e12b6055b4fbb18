package org.healthgraph.linkage.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graph.testing.SharedTinkerGraph;
import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.LinkStores;
import org.healthgraph.linkage.store.ReviewDecision.Verdict;
import org.healthgraph.linkage.store.RunPair;
import org.junit.jupiter.api.Test;

/** Review decisions as labelled pairs for m, on a real graph (the embedded TinkerGraph). */
class ReviewTrainingIT {

    private final LinkStore store = LinkStores.on(SharedTinkerGraph.store());
    private final LinkageModel model = new LinkageModel(List.of(new LinkageModel.FieldModel("nom", List.of(
            new LinkageModel.Level("exact", 0.9, 0.01, 0.01), new LinkageModel.Level("else", 0.1, 0.99, 0.99)))), 0.001, 5);

    /** Expected matches 10; two pairs of the band disagree on the name, with probability 0.5 each. */
    private String run() {
        store.ensureSchema();
        String id = SharedNeo4j.uniqueKey("RUN");
        List<RunPair> pairs = List.of(pair(id, 0, "L0"), pair(id, 1, "L1"));
        store.saveRun(new LinkRun(id, Instant.now(), "S", "fellegi-sunter", List.of(), List.of(), Optional.of(model),
                new LinkRun.Estimates(0.9, 0.9, 10, OptionalDouble.empty()), 0.5, new LinkRun.ReviewBand(0.2, 0.9), 10, 10,
                List.of()), pairs);
        return id;
    }

    private static RunPair pair(String run, int ordinal, String left) {
        Explanation e = new Explanation(left, "R", -10, List.of(new Explanation.Contribution("nom", "else", -3.3, 0)), 0, 0.5,
                Optional.empty());
        return new RunPair(run, ordinal, left, "R", 0.5, OptionalDouble.empty(), OptionalDouble.of(0), "fellegi-sunter", true,
                true, Optional.of(e), List.of());
    }

    @Test
    void anAcceptedPairRaisesTheMOfItsLevelsAndARejectedOneLowersItAndUIsLeftAlone() {
        String id = run();
        ClericalReview review = new ClericalReview(store, Clock.systemUTC());
        review.decide(id, "L0", "R", Verdict.ACCEPT, Optional.empty(), "ann");

        ReviewTraining.Result accepted = ReviewTraining.withDecisions(model, store, id);

        // counts exact 9, else 1 - 0.5 + 1 = 1.5: m(else) = 1.5 / 10.5
        assertThat(accepted.accepted()).isEqualTo(1);
        assertThat(accepted.model().fields().getFirst().levels().get(1).m()).isCloseTo(1.5 / 10.5, offset(1e-12));
        assertThat(accepted.model().fields().getFirst().levels().get(1).u()).isEqualTo(0.99);

        review.decide(id, "L0", "R", Verdict.REJECT, Optional.empty(), "bob");
        review.decide(id, "L1", "R", Verdict.REJECT, Optional.empty(), "bob");
        ReviewTraining.Result rejected = ReviewTraining.withDecisions(model, store, id);

        // else: 1 - 0.5 - 0.5 = 0 (kept at the floor)
        assertThat(rejected.rejected()).isEqualTo(2);
        assertThat(rejected.model().fields().getFirst().levels().get(1).m()).isLessThan(1e-5);
        assertThat(rejected.model().fields().getFirst().levels().get(0).m()).isCloseTo(1, offset(1e-5));
    }

    @Test
    void aModelWithOtherFieldsIsRefusedNamingTheField() {
        String id = run();
        new ClericalReview(store, Clock.systemUTC()).decide(id, "L0", "R", Verdict.ACCEPT, Optional.empty(), "ann");
        LinkageModel other = new LinkageModel(List.of(new LinkageModel.FieldModel("prenom", List.of(
                new LinkageModel.Level("exact", 0.9, 0.01, 0.01), new LinkageModel.Level("else", 0.1, 0.99, 0.99)))), 0.001, 5);

        assertThatThrownBy(() -> ReviewTraining.withDecisions(other, store, id)).isInstanceOf(LinkageException.class)
                .hasMessageContaining("'nom'");
    }
}

package org.healthgraph.graphql.linkage;

import java.util.List;
import java.util.Map;

import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.review.ClericalReview;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;

/** The linkage types as the schema serves them. */
final class LinkageViews {

    private LinkageViews() {
    }

    /** A run; its review state, pairs and queue are resolved on demand. */
    record RunView(String id, String startedAt, String source, String strategy, List<LinkRun.Input> inputs,
                   List<RuleView> blockingRules, double candidatePairs, int engineLinks, double threshold,
                   LinkRun.ReviewBand reviewBand, Double prior, Double priorWeight, List<ModelRow> model,
                   EstimatesView estimates, List<LinkRun.Bin> weightHistogram) {

        static RunView of(LinkRun r) {
            List<ModelRow> model = r.model().map(m -> m.table().stream()
                    .map(t -> new ModelRow(t.field(), t.level(), t.m(), t.u(), t.uRandom(), t.weight())).toList()).orElse(List.of());
            return new RunView(r.id(), r.startedAt().toString(), r.source(), r.strategy(), r.inputs(),
                    r.rules().stream().map(x -> new RuleView(x.rule(), x.pairs())).toList(), r.candidatePairs(), r.links(),
                    r.threshold(), r.band(), r.model().map(m -> m.prior()).orElse(null),
                    r.model().map(m -> m.priorWeight()).orElse(null), model, EstimatesView.of(r.estimates()), r.weightHistogram());
        }
    }

    /** A blocking rule. */
    record RuleView(String rule, double pairs) {
    }

    /** One row of the m/u table. */
    record ModelRow(String field, String level, double m, double u, double uRandom, double weight) {
    }

    /** Estimates. */
    record EstimatesView(double precision, double recall, double expectedMatches, Double counterpartShare) {
        static EstimatesView of(LinkRun.Estimates e) {
            return new EstimatesView(e.precision(), e.recall(), e.expectedMatches(),
                    e.counterpartShare().isPresent() ? e.counterpartShare().getAsDouble() : null);
        }
    }

    /** A run's review state. */
    record StatusView(long queued, long pending, long accepted, long rejected, long unsure, long links, EstimatesView estimates) {
        static StatusView of(ClericalReview.Status s) {
            return new StatusView(s.queued(), s.pending(), s.accepted(), s.rejected(), s.unsure(), s.links(),
                    EstimatesView.of(s.estimates()));
        }
    }

    /** A decision. */
    record DecisionView(ReviewDecision.Verdict verdict, String comment, String steward, String at) {
        static DecisionView of(ReviewDecision d) {
            return new DecisionView(d.verdict(), d.comment().orElse(null), d.steward(), d.at().toString());
        }
    }

    /** A pair with its decisions. */
    record PairView(String leftId, String rightId, double probability, Double recordProbability, double decisionProbability,
                    Double weight, String method, boolean linkedByEngine, boolean linked, boolean inReviewBand,
                    DecisionView decision, List<DecisionView> history, WaterfallView waterfall, List<FieldView> fields) {

        /** {@code history}: every decision of the run, oldest first (the pair's are picked here). */
        static PairView of(RunPair p, List<ReviewDecision> history) {
            List<ReviewDecision> own = history.stream()
                    .filter(d -> d.leftId().equals(p.leftId()) && d.rightId().equals(p.rightId())).toList();
            ReviewDecision latest = own.isEmpty() ? null : own.getLast();
            boolean linked = latest == null || latest.verdict() == ReviewDecision.Verdict.UNSURE ? p.linked()
                    : latest.verdict() == ReviewDecision.Verdict.ACCEPT;
            Map<String, String> levels = new java.util.HashMap<>();
            p.explanation().ifPresent(e -> e.contributions().forEach(c -> levels.put(c.field(), c.level())));
            return new PairView(p.leftId(), p.rightId(), p.probability(),
                    p.recordProbability().isPresent() ? p.recordProbability().getAsDouble() : null, p.decisionProbability(),
                    p.weight().isPresent() ? p.weight().getAsDouble() : null, p.method(), p.linked(), linked, p.review(),
                    latest == null ? null : DecisionView.of(latest), own.stream().map(DecisionView::of).toList(),
                    p.explanation().map(WaterfallView::of).orElse(null),
                    p.fields().stream().map(f -> new FieldView(f.field(), f.left(), f.right(), levels.getOrDefault(f.field(), "")))
                            .toList());
        }
    }

    /** A compared field. */
    record FieldView(String field, String left, String right, String level) {
    }

    /** A waterfall. */
    record WaterfallView(double prior, List<Explanation.Contribution> steps, double weight, double probability,
                         Explanation.RecordStep recordStep) {
        static WaterfallView of(Explanation e) {
            return new WaterfallView(e.priorWeight(), e.contributions(), e.weight(), e.probability(), e.recordStep().orElse(null));
        }
    }
}

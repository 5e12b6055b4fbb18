package org.healthgraph.linkage.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;

/**
 * Feeds a run's review decisions into the next training ({@code link --labels-from-review RUN}):
 * the m of each comparison level is re-estimated with the reviewed pairs as labelled pairs. The EM
 * counted each pair as a match with its probability p; a steward's decision replaces that p by 1
 * (accept) or 0 (reject). With E the run's expected number of true matches, the expected count of
 * matches at a level is {@code m·E}; it becomes {@code m·E − Σ p_i + Σ_accepted 1} over the reviewed
 * pairs at that level, and m is that count over the new total. u is left as the EM fitted it (the
 * decisions are a handful of pairs beside the millions u is measured on). Unsure decisions and
 * fields whose value was missing in a pair are left out.
 */
public final class ReviewTraining {

    /** The smallest m a level keeps, so that no weight becomes infinite. */
    static final double MIN_M = 1e-6;

    private ReviewTraining() {
    }

    /**
     * The model with m re-estimated from the decisions.
     *
     * @param accepted accepted pairs used
     * @param rejected rejected pairs used
     */
    public record Result(LinkageModel model, int accepted, int rejected) {
    }

    /** {@code model}'s m re-estimated with the review decisions of run {@code runId} as labels. */
    public static Result withDecisions(LinkageModel model, LinkStore store, String runId) {
        LinkRun run = store.run(runId).orElseThrow(() -> new LinkageException(org.healthgraph.graph.ErrorKind.NOT_FOUND,
                "--labels-from-review: no linkage run has this id", null));
        double expected = Math.max(1, run.estimates().expectedMatches());
        Map<String, double[]> counts = new HashMap<>();
        for (LinkageModel.FieldModel f : model.fields()) {
            double[] c = new double[f.levels().size()];
            for (int l = 0; l < c.length; l++) {
                c[l] = f.levels().get(l).m() * expected;
            }
            counts.put(f.name(), c);
        }
        int accepted = 0;
        int rejected = 0;
        Map<ClericalReview.PairKey, ReviewDecision> latest = new ClericalReview(store, java.time.Clock.systemUTC()).latest(runId);
        for (ReviewDecision d : latest.values()) {
            if (d.verdict() == ReviewDecision.Verdict.UNSURE) {
                continue;
            }
            RunPair pair = store.pair(runId, d.leftId(), d.rightId()).orElse(null);
            if (pair == null || pair.explanation().isEmpty()) {
                continue;
            }
            boolean match = d.verdict() == ReviewDecision.Verdict.ACCEPT;
            for (Explanation.Contribution c : pair.explanation().get().contributions()) {
                if ("missing".equals(c.level())) {
                    continue;
                }
                int level = levelIndex(model, c.field(), c.level());
                double[] fieldCounts = counts.get(c.field());
                fieldCounts[level] = Math.max(0, fieldCounts[level] - pair.probability()) + (match ? 1 : 0);
            }
            if (match) {
                accepted++;
            } else {
                rejected++;
            }
        }
        List<LinkageModel.FieldModel> fields = new ArrayList<>();
        for (LinkageModel.FieldModel f : model.fields()) {
            double[] c = counts.get(f.name());
            double total = 0;
            for (double x : c) {
                total += Math.max(x, MIN_M);
            }
            List<LinkageModel.Level> levels = new ArrayList<>();
            for (int l = 0; l < c.length; l++) {
                LinkageModel.Level old = f.levels().get(l);
                levels.add(new LinkageModel.Level(old.label(), Math.max(c[l], MIN_M) / total, old.u(), old.uRandom()));
            }
            // m given a left record's value (the sex, say) keeps its trained rows: a few hundred decisions
            // re-estimate the field's m over all matches, not its split by value
            fields.add(new LinkageModel.FieldModel(f.name(), levels, f.given(), f.uGiven(), f.mGiven(), f.mByValue()));
        }
        return new Result(new LinkageModel(fields, model.prior(), model.emIterations()), accepted, rejected);
    }

    private static int levelIndex(LinkageModel model, String field, String level) {
        for (LinkageModel.FieldModel f : model.fields()) {
            if (f.name().equals(field)) {
                for (int l = 0; l < f.levels().size(); l++) {
                    if (f.levels().get(l).label().equals(level)) {
                        return l;
                    }
                }
            }
        }
        throw new LinkageException("--labels-from-review: the run's field '" + field + "' or its level '" + level
                + "' is not in this configuration's model; label a run made with the same fields and levels");
    }
}

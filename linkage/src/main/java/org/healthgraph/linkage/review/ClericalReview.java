package org.healthgraph.linkage.review;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.PairPage;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;
import org.healthgraph.linkage.store.StoredLink;

/**
 * The clerical review loop of a run. Pairs whose decision probability falls in the run's review band
 * form its queue; a steward accepts, rejects or is unsure of a pair. Decisions are kept, never
 * overwritten: the latest decision on a pair holds and the earlier ones are its history (two
 * stewards who disagree: the last one wins, and both decisions stay visible). An accepted pair is
 * linked ({@code LINKED_TO}, method {@code clerical-review}), a rejected pair is not, an unsure
 * decision leaves the engine's decision. The run's estimates are recomputed with the decisions as
 * labels: an accepted pair counts with probability 1, a rejected one with 0.
 */
public final class ClericalReview {

    /** The method of a link a steward accepted. */
    public static final String ACCEPTED_METHOD = "clerical-review";

    private final LinkStore store;
    private final Clock clock;

    public ClericalReview(LinkStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A run's review state: how many pairs are in the queue, how many decided each way, and the
     * estimates once the decisions count.
     *
     * @param queued pairs in the review band
     * @param accepted pairs whose latest decision is accept
     * @param rejected pairs whose latest decision is reject
     * @param unsure pairs whose latest decision is unsure
     * @param links links after the decisions
     * @param estimates label-free estimates with the decisions as labels
     */
    public record Status(long queued, long accepted, long rejected, long unsure, long links, LinkRun.Estimates estimates) {
        /** Pairs of the queue without a decision. */
        public long pending() {
            return queued - accepted - rejected - unsure;
        }
    }

    /** The run, or NOT_FOUND. */
    public LinkRun run(String runId) {
        return store.run(runId).orElseThrow(() -> new LinkageException(ErrorKind.NOT_FOUND, "run: no linkage run has this id", null));
    }

    /** The latest decision on each pair of a run, by pair. */
    public Map<PairKey, ReviewDecision> latest(String runId) {
        Map<PairKey, ReviewDecision> latest = new LinkedHashMap<>();
        for (ReviewDecision d : store.decisions(runId)) {
            latest.put(new PairKey(d.leftId(), d.rightId()), d);
        }
        return latest;
    }

    /** A pair's decisions, oldest first. */
    public List<ReviewDecision> history(String runId, String leftId, String rightId) {
        return store.decisions(runId).stream().filter(d -> d.leftId().equals(leftId) && d.rightId().equals(rightId)).toList();
    }

    /** A pair's ids. */
    public record PairKey(String leftId, String rightId) {
    }

    /** A page of the review queue; with {@code pendingOnly}, only the pairs no steward has decided yet. */
    public PairPage queue(String runId, boolean pendingOnly, Optional<String> after, int first) {
        run(runId);
        if (!pendingOnly) {
            return store.pairs(runId, PairQuery.review(), after, first);
        }
        Map<PairKey, ReviewDecision> latest = latest(runId);
        List<RunPair> pending = new ArrayList<>();
        Optional<String> cursor = after;
        PairPage page;
        long total = 0;
        // pages of the queue, skipping decided pairs, until the page is full or the queue ends
        do {
            page = store.pairs(runId, PairQuery.review(), cursor, LinkStore.MAX_PAGE);
            for (RunPair p : page.pairs()) {
                if (!latest.containsKey(new PairKey(p.leftId(), p.rightId())) && pending.size() <= first) {
                    pending.add(p);
                }
            }
            cursor = page.endCursor();
        } while (page.hasNextPage() && pending.size() <= first);
        total = page.totalCount() - latest.size();
        boolean more = pending.size() > first;
        List<RunPair> shown = more ? pending.subList(0, first) : pending;
        return new PairPage(shown, more, shown.isEmpty() ? Optional.empty() : Optional.of(Integer.toString(shown.getLast().ordinal())),
                Math.max(0, total));
    }

    /**
     * Records a steward's decision on a pair of the run's queue and applies it to the run's links.
     * NOT_FOUND for an unknown run or pair, INVALID_INPUT for a pair outside the review band.
     */
    public ReviewDecision decide(String runId, String leftId, String rightId, ReviewDecision.Verdict verdict,
                                 Optional<String> comment, String steward) {
        LinkRun run = run(runId);
        RunPair pair = store.pair(runId, leftId, rightId)
                .orElseThrow(() -> new LinkageException(ErrorKind.NOT_FOUND, "pair: the run has no such pair", null));
        if (!pair.review()) {
            throw new LinkageException("pair: outside the run's review band " + run.band() + "; only pairs of the queue are reviewed");
        }
        ReviewDecision d = new ReviewDecision(runId, leftId, rightId, verdict, comment, steward, clock.instant());
        store.addDecision(d);
        boolean linked = switch (verdict) {
            case ACCEPT -> true;
            case REJECT -> false;
            case UNSURE -> pair.linked();
        };
        if (linked) {
            store.write(List.of(new StoredLink(run.source(), leftId, rightId, pair.decisionProbability(), pair.weight(),
                    verdict == ReviewDecision.Verdict.ACCEPT ? ACCEPTED_METHOD : pair.method(), "")));
        } else {
            store.unlink(run.source(), leftId, rightId);
        }
        return d;
    }

    /** A run's review state and its estimates with the decisions as labels. */
    public Status status(String runId) {
        LinkRun run = run(runId);
        Map<PairKey, ReviewDecision> latest = latest(runId);
        Map<PairKey, RunPair> decided = new HashMap<>();
        long queued = 0;
        double sumLinks = 0;
        long links = 0;
        Optional<String> cursor = Optional.empty();
        PairPage page;
        do {
            page = store.pairs(runId, PairQuery.all(), cursor, LinkStore.MAX_PAGE);
            for (RunPair p : page.pairs()) {
                queued += p.review() ? 1 : 0;
                PairKey key = new PairKey(p.leftId(), p.rightId());
                ReviewDecision d = latest.get(key);
                if (d != null) {
                    decided.put(key, p);
                }
                ReviewDecision.Verdict v = d == null ? ReviewDecision.Verdict.UNSURE : d.verdict();
                boolean linked = v == ReviewDecision.Verdict.ACCEPT || (v == ReviewDecision.Verdict.UNSURE && p.linked());
                if (linked) {
                    links++;
                    sumLinks += v == ReviewDecision.Verdict.ACCEPT ? 1 : p.decisionProbability();
                }
            }
            cursor = page.endCursor();
        } while (page.hasNextPage());
        long accepted = 0;
        long rejected = 0;
        long unsure = 0;
        double expected = run.estimates().expectedMatches();
        for (Map.Entry<PairKey, ReviewDecision> e : latest.entrySet()) {
            RunPair p = decided.get(e.getKey());
            if (p == null) {
                continue;
            }
            switch (e.getValue().verdict()) {
                case ACCEPT -> {
                    accepted++;
                    expected += 1 - p.decisionProbability();
                }
                case REJECT -> {
                    rejected++;
                    expected -= p.decisionProbability();
                }
                case UNSURE -> unsure++;
            }
        }
        double precision = links == 0 ? 1 : sumLinks / links;
        double recall = expected > 0 ? Math.min(1, sumLinks / expected) : 1;
        return new Status(queued, accepted, rejected, unsure, links,
                new LinkRun.Estimates(precision, recall, expected, run.estimates().counterpartShare()));
    }

    /** Pairs a run's decisions labelled, as (left id, right id, match) rows, latest decision per pair; unsure left out. */
    public List<LabelledPair> labels(String runId) {
        run(runId);
        List<LabelledPair> out = new ArrayList<>();
        latest(runId).forEach((k, d) -> {
            if (d.verdict() != ReviewDecision.Verdict.UNSURE) {
                out.add(new LabelledPair(k.leftId(), k.rightId(), d.verdict() == ReviewDecision.Verdict.ACCEPT));
            }
        });
        return out;
    }

    /** A pair labelled by a review. */
    public record LabelledPair(String leftId, String rightId, boolean match) {
    }
}

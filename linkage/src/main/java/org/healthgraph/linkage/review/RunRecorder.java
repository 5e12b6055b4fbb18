package org.healthgraph.linkage.review;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.Link;
import org.healthgraph.linkage.match.Linkage;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.match.LinkageResult;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.RunPair;

/**
 * Keeps what a run decided so that the graph can hold it: listens to {@link LinkageJob} and, while
 * the linkage is in memory, explains each link (waterfall, record-level step) and copies the
 * compared values of both records, and keeps the near misses of the review band (the best candidate
 * of a record left unlinked); {@link #run} then assembles the {@link LinkRun}.
 */
public final class RunRecorder implements LinkageJob.Observer {

    /** Bins of the weight histogram. */
    static final int BINS = 20;

    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final LinkRun.ReviewBand band;
    private final List<RunPair> pairs = new ArrayList<>();
    private Optional<LinkageModel> model = Optional.empty();
    private LinkageResult result;

    public RunRecorder(LinkRun.ReviewBand band, Clock clock) {
        this.band = band;
        this.startedAt = clock.instant();
    }

    /** The run's id. */
    public String id() {
        return id;
    }

    @Override
    public void decided(Optional<Linkage> linkage, Optional<LinkageModel> model, LinkageResult result) {
        this.model = model;
        this.result = result;
        List<Link> links = result.links().stream()
                .sorted(java.util.Comparator.comparing(Link::leftId).thenComparing(Link::rightId)).toList();
        for (Link l : links) {
            Optional<Explanation> explanation = Optional.empty();
            List<RunPair.FieldValues> values = List.of();
            if (linkage.isPresent() && model.isPresent() && !Double.isInfinite(l.weight())) {
                LinkageModel m = model.get();
                explanation = Optional.of(result.counterpartShare().isPresent()
                        ? linkage.get().explain(m, result.counterpartShare().getAsDouble(), l.leftId(), l.rightId())
                        : linkage.get().explain(m, l.leftId(), l.rightId()));
            }
            if (linkage.isPresent()) {
                values = linkage.get().comparedValues(l.leftId(), l.rightId()).stream()
                        .map(v -> new RunPair.FieldValues(v[0], v[1], v[2])).toList();
            }
            pairs.add(new RunPair(id, pairs.size(), l.leftId(), l.rightId(), l.probability(), l.recordProbability(),
                    Double.isInfinite(l.weight()) ? OptionalDouble.empty() : OptionalDouble.of(l.weight()), l.method(), true,
                    band.contains(l.decisionProbability()), explanation, values));
        }
        if (linkage.isPresent() && model.isPresent() && !linkage.get().deduplicates()) {
            nearMisses(linkage.get(), model.get(), result, links);
        }
    }

    /**
     * The best candidate of each left record the engine did not link, kept as a pair when its
     * decision probability falls in the review band: the near misses a steward may accept.
     */
    private void nearMisses(Linkage linkage, LinkageModel model, LinkageResult result, List<Link> links) {
        java.util.Set<String> linked = new java.util.HashSet<>();
        links.forEach(l -> linked.add(l.leftId()));
        List<String> unlinked = linkage.leftIds().stream().filter(l -> !linked.contains(l)).sorted().toList();
        for (Explanation e : linkage.bestCandidates(model, result.counterpartShare(), unlinked)) {
            double pairwise = e.probability();
            OptionalDouble record = e.recordStep().map(r -> OptionalDouble.of(r.probability())).orElse(OptionalDouble.empty());
            double decision = record.orElse(pairwise);
            if (!band.contains(decision)) {
                continue;
            }
            List<RunPair.FieldValues> values = linkage.comparedValues(e.leftId(), e.rightId()).stream()
                    .map(v -> new RunPair.FieldValues(v[0], v[1], v[2])).toList();
            pairs.add(new RunPair(id, pairs.size(), e.leftId(), e.rightId(), pairwise, record, OptionalDouble.of(e.weight()),
                    "fellegi-sunter", false, true, Optional.of(e), values));
        }
    }

    /** The pairs kept, in the run's order. */
    public List<RunPair> pairs() {
        return List.copyOf(pairs);
    }

    /** The run, once the job has run. */
    public LinkRun run(String source, LinkageConfig config, LinkageJob.Summary summary) {
        if (result == null) {
            throw new IllegalStateException("the run has not decided yet");
        }
        List<LinkRun.Input> inputs = new ArrayList<>();
        inputs.add(new LinkRun.Input(config.left().path().getFileName().toString(), summary.leftRecords()));
        config.right().ifPresent(r -> inputs.add(new LinkRun.Input(r.path().getFileName().toString(), summary.rightRecords())));
        List<LinkRun.Rule> rules = new ArrayList<>();
        for (Map.Entry<String, Long> e : summary.blockingPairs().entrySet()) {
            rules.add(new LinkRun.Rule(e.getKey(), e.getValue()));
        }
        double sumLinks = 0;
        for (Link l : result.links()) {
            sumLinks += l.decisionProbability();
        }
        double expected = result.expectedRecall() > 0 ? sumLinks / result.expectedRecall() : sumLinks;
        LinkRun.Estimates estimates = new LinkRun.Estimates(result.expectedPrecision(), result.expectedRecall(), expected,
                result.counterpartShare());
        String strategy = summary.strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return new LinkRun(id, startedAt, source, strategy, inputs, rules, model, estimates, config.decision().threshold(),
                band, result.candidatePairs(), result.links().size(), histogram(pairs));
    }

    /** The linked pairs' match weights in {@value #BINS} bins of equal width (none when no pair has a weight). */
    static List<LinkRun.Bin> histogram(List<RunPair> pairs) {
        double[] weights = pairs.stream().filter(p -> p.linked() && p.weight().isPresent()).mapToDouble(p -> p.weight().getAsDouble()).toArray();
        if (weights.length == 0) {
            return List.of();
        }
        double lo = Math.floor(java.util.Arrays.stream(weights).min().orElseThrow());
        double hi = Math.ceil(java.util.Arrays.stream(weights).max().orElseThrow());
        if (hi <= lo) {
            hi = lo + 1;
        }
        double width = (hi - lo) / BINS;
        long[] counts = new long[BINS];
        for (double w : weights) {
            counts[Math.min(BINS - 1, (int) ((w - lo) / width))]++;
        }
        List<LinkRun.Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(new LinkRun.Bin(lo + b * width, lo + (b + 1) * width, counts[b]));
        }
        return bins;
    }
}

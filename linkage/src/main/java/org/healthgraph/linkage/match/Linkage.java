package org.healthgraph.linkage.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.healthgraph.linkage.match.LinkageConfig.DecisionMode;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.LinkageConfig.USource;
import org.healthgraph.linkage.match.LinkageModel.FieldModel;
import org.healthgraph.linkage.match.LinkageModel.Level;
import org.healthgraph.linkage.match.internal.Assignment;
import org.healthgraph.linkage.match.internal.Blocking;
import org.healthgraph.linkage.match.internal.Clusters;
import org.healthgraph.linkage.match.internal.Comparison;
import org.healthgraph.linkage.match.internal.Em;
import org.healthgraph.linkage.match.internal.LongCounts;
import org.healthgraph.linkage.match.internal.PairBuffer;
import org.healthgraph.linkage.match.internal.Table;
import org.healthgraph.linkage.match.internal.Text;
import org.healthgraph.linkage.match.internal.Tiers;

/**
 * A linkage of two inputs (or one, deduplicated) under a configuration: inputs read and encoded,
 * blocking indexes built and checked ({@link #open}); then {@link #train}, {@link #score} and
 * {@link #explain}. An instance holds its data and no global state; scoring runs on a bounded
 * pool of {@code config.threads()} threads that it creates and stops.
 */
public final class Linkage {

    private static final int CHUNK = 64;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final double TF_MIN = -5;
    private static final double TF_MAX = 10;
    private static final double M_FLOOR = 1e-3;
    private static final int RIGHT_REUSE = 8;
    private static final double REFINE_PROBABILITY = 0.999;
    private static final int REFINE_ROUNDS = 3;
    private static final int REFINE_MIN_PAIRS = 50;

    private final LinkageConfig config;
    private final LinkageProgress progress;
    private final Table left;
    private final Table right;
    private final Comparison[] comparisons;
    private final int[] levelCounts;
    private final Blocking blocking;
    private final java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private Map<String, Integer> leftIndex;
    private Map<String, Integer> rightIndex;

    private Linkage(LinkageConfig config, LinkageProgress progress, Table left, Table right, Comparison[] comparisons,
                    Blocking blocking) {
        this.config = config;
        this.progress = progress;
        this.left = left;
        this.right = right;
        this.comparisons = comparisons;
        this.levelCounts = new int[comparisons.length];
        for (int f = 0; f < comparisons.length; f++) {
            levelCounts[f] = comparisons[f].levelCount();
        }
        this.blocking = blocking;
    }

    /** Reads the inputs, encodes the compared fields and builds the blocking indexes. */
    public static Linkage open(LinkageConfig config, LinkageProgress progress) {
        progress.stage("read", -1);
        Table left = read(config.left(), true, config);
        Table right = config.right().map(r -> read(r, false, config)).orElse(left);
        progress.stage("encode", config.fields().size());
        Comparison[] comparisons = new Comparison[config.fields().size()];
        for (int f = 0; f < comparisons.length; f++) {
            comparisons[f] = Comparison.build(config.fields().get(f), left, right, f);
            progress.advance(1);
        }
        Comparison.pack(comparisons);
        progress.stage("block", config.blocking().size());
        Map<String, String> dateColumns = new HashMap<>();
        for (Field f : config.fields()) {
            if (f.type() == FieldType.DATE) {
                dateColumns.put(f.leftColumn(), f.dateFormat());
                dateColumns.put(f.rightColumn(), f.dateFormat());
            }
        }
        Blocking blocking = Blocking.build(config.blocking(), left, right, config.deduplicate(), dateColumns,
                config.maxPairsPerRule());
        return new Linkage(config, progress, left, right, comparisons, blocking);
    }

    private static Table read(LinkageConfig.Input input, boolean isLeft, LinkageConfig config) {
        Set<String> columns = new LinkedHashSet<>();
        for (Field f : config.fields()) {
            columns.addAll(isLeft || config.deduplicate() ? f.leftColumns() : f.rightColumns());
            if (config.deduplicate()) {
                columns.addAll(f.rightColumns());
            }
        }
        for (LinkageConfig.BlockingRule r : config.blocking()) {
            for (String k : r.keys()) {
                int bar = k.indexOf('|');
                columns.add((bar < 0 ? k : k.substring(0, bar)).strip());
            }
        }
        return Table.read(input.path(), input.delimiter(), input.id(), columns);
    }

    public int leftSize() {
        return left.size();
    }

    public int rightSize() {
        return right.size();
    }

    /** Field names, in configuration order. */
    public List<String> fieldNames() {
        return config.fields().stream().map(Field::name).toList();
    }

    /** Each blocking rule's name and its own candidate pair count. */
    public Map<String, Long> blockingPairs() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int r = 0; r < blocking.ruleCount(); r++) {
            out.put(blocking.ruleName(r), blocking.estimatedPairs(r));
        }
        return out;
    }

    /**
     * Trains the model. u comes from random pairs. With {@code training.u: random} (the default),
     * m is estimated as Splink does: one EM session per blocking rule on the agreement-pattern
     * counts of that rule's pairs, u fixed, the rule's own blocked fields left out (they agree by
     * construction); each field's m is the mean over the sessions that estimate it, and the prior
     * is the probability that two random records match. With {@code candidates}, one free EM (m,
     * u and prior) runs on all candidate pairs, as fastLink does: sound with a single blocking rule.
     */
    public LinkageModel train() {
        double[][] uRandom = randomU();
        LinkageConfig.Training t = config.training();
        if (t.uSource() == USource.CANDIDATES) {
            return trainOnCandidates(uRandom);
        }
        int rules = blocking.ruleCount();
        double[][] mSum = new double[levelCounts.length][];
        int[] sessions = new int[levelCounts.length];
        for (int f = 0; f < mSum.length; f++) {
            mSum[f] = new double[levelCounts[f]];
        }
        double expectedMatches = 0;
        int iterations = 0;
        for (int r = 0; r < rules; r++) {
            boolean[] blocked = blockedFields(config.blocking().get(r));
            int rule = r;
            progress.stage("patterns (" + blocking.ruleName(r) + ")", left.size());
            List<LongCounts> parts = scan(() -> new RulePatternTask(rule, blocked), task -> task.counts);
            LongCounts counts = new LongCounts();
            parts.forEach(counts::addAll);
            long[][] entries = counts.entries();
            long pairs = 0;
            for (long c : entries[1]) {
                pairs += c;
            }
            if (pairs == 0) {
                continue;
            }
            double lambda0 = Math.min(0.5, Math.max(1e-6, (double) Math.min(left.size(), right.size()) / pairs));
            Em.Result em = Em.run(entries[0], entries[1], levelCounts, initialM(), uRandom, lambda0, true,
                    t.maxIterations(), 1e-7);
            iterations += em.iterations();
            expectedMatches = Math.max(expectedMatches, em.lambda() * pairs);
            for (int f = 0; f < levelCounts.length; f++) {
                if (!blocked[f]) {
                    sessions[f]++;
                    for (int l = 0; l < levelCounts[f]; l++) {
                        mSum[f][l] += em.m()[f][l];
                    }
                }
            }
        }
        if (expectedMatches == 0) {
            throw new LinkageException("blocking produced no candidate pair: no link is possible; loosen the blocking rules");
        }
        double[][] m = initialM();
        for (int f = 0; f < levelCounts.length; f++) {
            if (sessions[f] == 0) {
                throw new LinkageException("training: field " + config.fields().get(f).name()
                        + " is a key of every blocking rule, so its m cannot be estimated; add a rule without it");
            }
            double sum = 0;
            for (int l = 0; l < levelCounts[f]; l++) {
                // a floor keeps a level that the training pairs never showed among matches from
                // weighing like a proof of non-match
                m[f][l] = Math.max(M_FLOOR, mSum[f][l] / sessions[f]);
                sum += m[f][l];
            }
            for (int l = 0; l < levelCounts[f]; l++) {
                m[f][l] /= sum;
            }
        }
        // no more matches than records on the smaller side (each session over-counts a little)
        expectedMatches = Math.min(expectedMatches, config.deduplicate() ? left.size() : Math.min(left.size(), right.size()));
        double pairsTotal = config.deduplicate() ? left.size() * (left.size() - 1.0) / 2 : (double) left.size() * right.size();
        double prior = Math.min(0.5, Math.max(1e-12, expectedMatches / pairsTotal));
        refineM(m, uRandom, prior);
        return model(m, uRandom, uRandom, prior, iterations);
    }

    /**
     * Re-estimates each field's m among the candidate pairs that the other fields alone make
     * near-certain matches (probability at least {@link #REFINE_PROBABILITY} without this field),
     * from agreement-pattern counts: under conditional independence among matches this sample is
     * unbiased for the field, and it stays clean where the session EMs are not, when fields are
     * correlated among non-matches (a hospital and its département, say).
     */
    private void refineM(double[][] m, double[][] u, double prior) {
        progress.stage("patterns (all rules)", left.size());
        List<LongCounts> parts = scan(() -> new PatternTask(), task -> task.counts);
        LongCounts counts = new LongCounts();
        parts.forEach(counts::addAll);
        long[][] entries = counts.entries();
        int[][] decoded = new int[entries[0].length][];
        for (int p = 0; p < decoded.length; p++) {
            decoded[p] = Em.decode(entries[0][p], levelCounts);
        }
        double priorWeight = LinkageModel.log2(prior / (1 - prior));
        double minWeight = LinkageModel.log2(REFINE_PROBABILITY / (1 - REFINE_PROBABILITY));
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            double[][] next = new double[m.length][];
            for (int f = 0; f < m.length; f++) {
                next[f] = new double[levelCounts[f]];
            }
            for (int p = 0; p < decoded.length; p++) {
                int[] lv = decoded[p];
                double total = priorWeight;
                for (int f = 0; f < lv.length; f++) {
                    if (lv[f] >= 0) {
                        total += LinkageModel.log2(m[f][lv[f]] / u[f][lv[f]]);
                    }
                }
                for (int f = 0; f < lv.length; f++) {
                    if (lv[f] >= 0 && total - LinkageModel.log2(m[f][lv[f]] / u[f][lv[f]]) >= minWeight) {
                        next[f][lv[f]] += entries[1][p];
                    }
                }
            }
            for (int f = 0; f < m.length; f++) {
                double sum = 0;
                for (double v : next[f]) {
                    sum += v;
                }
                if (sum < REFINE_MIN_PAIRS) {
                    continue;
                }
                double norm = 0;
                for (int l = 0; l < levelCounts[f]; l++) {
                    m[f][l] = Math.max(M_FLOOR, next[f][l] / sum);
                    norm += m[f][l];
                }
                for (int l = 0; l < levelCounts[f]; l++) {
                    m[f][l] /= norm;
                }
            }
        }
    }

    private boolean[] blockedFields(LinkageConfig.BlockingRule rule) {
        Set<String> columns = new java.util.HashSet<>();
        for (String k : rule.keys()) {
            int bar = k.indexOf('|');
            columns.add((bar < 0 ? k : k.substring(0, bar)).strip());
        }
        boolean[] blocked = new boolean[levelCounts.length];
        for (int f = 0; f < blocked.length; f++) {
            Field field = config.fields().get(f);
            blocked[f] = field.leftColumns().stream().anyMatch(columns::contains)
                    || field.rightColumns().stream().anyMatch(columns::contains);
        }
        return blocked;
    }

    private double[][] initialM() {
        double[][] m0 = new double[levelCounts.length][];
        for (int f = 0; f < m0.length; f++) {
            m0[f] = new double[levelCounts[f]];
            double sum = 0;
            for (int l = 0; l < levelCounts[f]; l++) {
                m0[f][l] = l == levelCounts[f] - 1 ? 0.05 : Math.pow(0.25, l);
                sum += m0[f][l];
            }
            for (int l = 0; l < levelCounts[f]; l++) {
                m0[f][l] /= sum;
            }
        }
        return m0;
    }

    private LinkageModel model(double[][] m, double[][] u, double[][] uRandom, double prior, int iterations) {
        List<FieldModel> fields = new ArrayList<>();
        for (int f = 0; f < levelCounts.length; f++) {
            String[] labels = comparisons[f].labels();
            List<Level> levels = new ArrayList<>();
            for (int l = 0; l < labels.length; l++) {
                levels.add(new Level(labels[l], m[f][l], u[f][l], uRandom[f][l]));
            }
            fields.add(new FieldModel(config.fields().get(f).name(), levels));
        }
        return new LinkageModel(fields, prior, iterations);
    }

    private LinkageModel trainOnCandidates(double[][] uRandom) {
        progress.stage("patterns", left.size());
        List<LongCounts> parts = scan(() -> new PatternTask(), task -> task.counts);
        LongCounts counts = new LongCounts();
        parts.forEach(counts::addAll);
        long[][] entries = counts.entries();
        long candidates = 0;
        for (long c : entries[1]) {
            candidates += c;
        }
        if (candidates == 0) {
            throw new LinkageException("blocking produced no candidate pair: no link is possible; loosen the blocking rules");
        }
        double lambda0 = Math.min(0.5, Math.max(1e-6, (double) Math.min(left.size(), right.size()) / candidates));
        // Free EM starts u at the candidates' level frequencies (almost all candidates are
        // non-matches): starting from the random-pair u would make pairs that agree on a blocked
        // field look like matches and pull the EM into the wrong mode.
        double[][] u0 = candidateMarginals(entries[0], entries[1]);
        progress.stage("em", config.training().maxIterations());
        Em.Result r = Em.run(entries[0], entries[1], levelCounts, initialM(), u0, lambda0, false,
                config.training().maxIterations(), 1e-7);
        return model(r.m(), r.u(), uRandom, r.lambda(), r.iterations());
    }

    private double[][] candidateMarginals(long[] patterns, long[] counts) {
        double[][] u = new double[levelCounts.length][];
        for (int f = 0; f < u.length; f++) {
            u[f] = new double[levelCounts[f]];
        }
        for (int p = 0; p < patterns.length; p++) {
            int[] levels = Em.decode(patterns[p], levelCounts);
            for (int f = 0; f < levels.length; f++) {
                if (levels[f] >= 0) {
                    u[f][levels[f]] += counts[p];
                }
            }
        }
        for (double[] row : u) {
            double total = 0;
            for (double v : row) {
                total += v;
            }
            for (int l = 0; l < row.length; l++) {
                row[l] = (row[l] + 0.5) / (total + 0.5 * row.length);
            }
        }
        return u;
    }

    /** Level frequencies among random pairs, sampled in parallel (one seeded stream per slice). */
    private double[][] randomU() {
        int n = config.training().randomPairs();
        progress.stage("random pairs", n);
        int slices = 16;
        long[][][] perSlice = new long[slices][][];
        SplittableRandom root = new SplittableRandom(config.training().seed());
        SplittableRandom[] streams = new SplittableRandom[slices];
        for (int s = 0; s < slices; s++) {
            streams[s] = root.split();
        }
        AtomicInteger next = new AtomicInteger();
        runParallel(() -> {
            Text.Scratch scratch = new Text.Scratch();
            int s;
            while ((s = next.getAndIncrement()) < slices) {
                long[][] hits = new long[levelCounts.length][];
                for (int f = 0; f < hits.length; f++) {
                    hits[f] = new long[levelCounts[f]];
                }
                SplittableRandom random = streams[s];
                int count = n / slices + (s < n % slices ? 1 : 0);
                int j = 0;
                for (int k = 0; k < count; k++) {
                    // one right record for several left ones: the right table is the large one,
                    // and each of its records costs cache misses
                    if (k % RIGHT_REUSE == 0) {
                        j = random.nextInt(right.size());
                    }
                    int i = random.nextInt(left.size());
                    for (int f = 0; f < levelCounts.length; f++) {
                        int l = comparisons[f].level(i, j, scratch);
                        if (l >= 0) {
                            hits[f][l]++;
                        }
                    }
                }
                perSlice[s] = hits;
                progress.advance(count);
            }
        });
        double[][] u = new double[levelCounts.length][];
        for (int f = 0; f < u.length; f++) {
            long[] hits = new long[levelCounts[f]];
            long total = 0;
            for (long[][] slice : perSlice) {
                for (int l = 0; l < hits.length; l++) {
                    hits[l] += slice[f][l];
                    total += slice[f][l];
                }
            }
            u[f] = new double[levelCounts[f]];
            for (int l = 0; l < levelCounts[f]; l++) {
                u[f][l] = (hits[l] + 0.5) / (total + 0.5 * levelCounts[f]);
            }
        }
        return u;
    }

    /** Scores every candidate pair with the model and applies the decision policy. */
    public LinkageResult score(LinkageModel model) {
        model.requireFits(config.fields());
        double[][] weights = model.weights();
        double[][] tf = termFrequencyAdjustments(model);
        double prior = model.priorWeight();
        double threshold = config.decision().threshold();
        double thresholdWeight = LinkageModel.log2(threshold / (1 - threshold));
        progress.stage("score", left.size());
        long start = System.nanoTime();
        cpuNanos.set(0);
        List<ScoreTask> tasks = scan(() -> new ScoreTask(weights, tf, prior, thresholdWeight), t -> t);
        double seconds = (System.nanoTime() - start) / 1e9;
        PairBuffer kept = new PairBuffer();
        long candidates = 0;
        double sumAll = 0;
        for (ScoreTask t : tasks) {
            kept.addAll(t.kept);
            candidates += t.pairs;
            sumAll += t.sumProbability;
        }
        progress.stage("decide", kept.size());
        List<Link> links = decide(kept, weights, tf, prior, thresholdWeight);
        double sumLinks = 0;
        for (Link l : links) {
            sumLinks += l.probability();
        }
        double precision = links.isEmpty() ? 1 : sumLinks / links.size();
        double recall = sumAll > 0 ? sumLinks / sumAll : 1;
        return new LinkageResult(links, candidates, seconds, precision, recall, cpuNanos.get() / 1e9);
    }

    /** The SNDS tiered exact-match baseline on the configured fields (each field one criterion). */
    public LinkageResult tiers() {
        long start = System.nanoTime();
        progress.stage("tiers", config.fields().size() + 1);
        List<Link> links = new ArrayList<>();
        for (Tiers.TierLink t : Tiers.link(config.fields(), left, right)) {
            links.add(new Link(left.id(t.left()), right.id(t.right()), 1, Double.POSITIVE_INFINITY, List.of(),
                    "tiers:" + t.tier(), Optional.empty()));
        }
        return new LinkageResult(links, 0, (System.nanoTime() - start) / 1e9, 1, 1, 0);
    }

    /** Explains the score of a pair given by ids. */
    public Explanation explain(LinkageModel model, String leftId, String rightId) {
        synchronized (this) {
            if (leftIndex == null) {
                leftIndex = indexOf(left);
                rightIndex = config.deduplicate() ? leftIndex : indexOf(right);
            }
        }
        Integer i = leftIndex.get(leftId);
        Integer j = rightIndex.get(rightId);
        if (i == null || j == null) {
            throw new LinkageException("explain: " + (i == null ? "left" : "right") + " id not found in " 
                    + (i == null ? left : right).source());
        }
        return explain(i, j, model.weights(), termFrequencyAdjustments(model), model.priorWeight(), new Text.Scratch());
    }

    private Explanation explain(int i, int j, double[][] weights, double[][] tf, double prior, Text.Scratch scratch) {
        List<Explanation.Contribution> parts = new ArrayList<>();
        double total = prior;
        for (int f = 0; f < comparisons.length; f++) {
            int l = comparisons[f].level(i, j, scratch);
            if (l < 0) {
                parts.add(new Explanation.Contribution(config.fields().get(f).name(), "missing", 0, 0));
                continue;
            }
            double adj = l == 0 && tf[f] != null ? tf[f][comparisons[f].agreedValue(i, j)] : 0;
            double w = weights[f][l] + adj;
            total += w;
            parts.add(new Explanation.Contribution(config.fields().get(f).name(), comparisons[f].labels()[l], w, adj));
        }
        return new Explanation(left.id(i), right.id(j), prior, parts, total, LinkageModel.probability(total));
    }

    private static Map<String, Integer> indexOf(Table t) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            m.put(t.id(i), i);
        }
        return m;
    }

    private double[][] termFrequencyAdjustments(LinkageModel model) {
        double[][] adj = new double[comparisons.length][];
        for (int f = 0; f < comparisons.length; f++) {
            if (!config.fields().get(f).termFrequency() || comparisons[f].distinctValues() == 0) {
                continue;
            }
            long[] counts = new long[comparisons[f].distinctValues()];
            long total = 0;
            for (int c = 0; c < comparisons[f].rightColumns(); c++) {
                for (int j = 0; j < right.size(); j++) {
                    int v = comparisons[f].rightValue(j, c);
                    if (v >= 0) {
                        counts[v]++;
                        total++;
                    }
                }
            }
            double uExact = model.fields().get(f).levels().getFirst().uRandom();
            adj[f] = new double[counts.length];
            for (int v = 0; v < counts.length; v++) {
                double freq = Math.max(1, counts[v]) / (double) Math.max(1, total);
                adj[f][v] = Math.max(TF_MIN, Math.min(TF_MAX, LinkageModel.log2(uExact / freq)));
            }
        }
        return adj;
    }

    private List<Link> decide(PairBuffer kept, double[][] weights, double[][] tf, double prior, double thresholdWeight) {
        int n = kept.size();
        boolean[] chosen = new boolean[n];
        String[] cluster = new String[n];
        DecisionMode mode = config.decision().mode();
        if (mode == DecisionMode.THRESHOLD) {
            java.util.Arrays.fill(chosen, true);
        } else if (mode == DecisionMode.ONE_TO_ONE) {
            int[] l = new int[n];
            int[] r = new int[n];
            double[] s = new double[n];
            for (int k = 0; k < n; k++) {
                l[k] = kept.left(k);
                r[k] = kept.right(k);
                s[k] = kept.weight(k) - thresholdWeight + 1e-9;
            }
            chosen = Assignment.solve(l, r, s);
        } else {
            String[] a = new String[n];
            String[] b = new String[n];
            double[] w = new double[n];
            String rightSide = config.deduplicate() ? "L:" : "R:";
            for (int k = 0; k < n; k++) {
                a[k] = "L:" + left.id(kept.left(k));
                b[k] = rightSide + right.id(kept.right(k));
                w[k] = kept.weight(k);
            }
            Clusters.Result c = Clusters.of(a, b, w, config.decision().maxClusterSize());
            chosen = c.kept();
            cluster = c.clusterId();
        }
        List<Link> links = new ArrayList<>();
        Text.Scratch scratch = new Text.Scratch();
        for (int k = 0; k < n; k++) {
            if (chosen[k]) {
                Explanation e = explain(kept.left(k), kept.right(k), weights, tf, prior, scratch);
                List<Double> parts = e.contributions().stream().map(Explanation.Contribution::weight).toList();
                links.add(new Link(e.leftId(), e.rightId(), e.probability(), e.weight(), parts, "fellegi-sunter",
                        Optional.ofNullable(cluster[k])));
            }
        }
        links.sort(java.util.Comparator.comparing(Link::leftId).thenComparing(Link::rightId));
        return links;
    }

    /** Runs one task per thread over chunks of left records and returns what each task collected. */
    private <T extends Task, R> List<R> scan(Supplier<T> taskFactory, java.util.function.Function<T, R> result) {
        AtomicInteger next = new AtomicInteger();
        List<T> tasks = java.util.Collections.synchronizedList(new ArrayList<>());
        runParallel(() -> {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            T task = taskFactory.get();
            tasks.add(task);
            int[] seen = new int[right.size()];
            java.util.Arrays.fill(seen, -1);
            int from;
            while ((from = next.getAndAdd(CHUNK)) < left.size()) {
                int to = Math.min(left.size(), from + CHUNK);
                for (int i = from; i < to; i++) {
                    if (task instanceof RulePatternTask rp) {
                        blocking.candidatesOfRule(rp.rule, i, rp);
                    } else {
                        blocking.candidates(i, seen, task);
                    }
                }
                progress.advance(to - from);
            }
            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
        });
        return tasks.stream().map(result).toList();
    }

    /** Runs {@code work} on {@code config.threads()} threads of a pool made and stopped here. */
    private void runParallel(Runnable work) {
        int threads = config.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(work));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkageException("linkage interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LinkageException("linkage failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private abstract class Task implements Blocking.PairVisitor {
        final Text.Scratch scratch = new Text.Scratch();
        final int[] levels = new int[comparisons.length];
    }

    private final class PatternTask extends Task {
        final LongCounts counts = new LongCounts();

        @Override
        public void pair(int i, int j) {
            for (int f = 0; f < comparisons.length; f++) {
                levels[f] = comparisons[f].level(i, j, scratch);
            }
            counts.add(Em.encode(levels, levelCounts), 1);
        }
    }

    private final class RulePatternTask extends Task {
        final LongCounts counts = new LongCounts();
        final int rule;
        final boolean[] blocked;

        RulePatternTask(int rule, boolean[] blocked) {
            this.rule = rule;
            this.blocked = blocked;
        }

        @Override
        public void pair(int i, int j) {
            for (int f = 0; f < comparisons.length; f++) {
                levels[f] = blocked[f] ? Comparison.MISSING : comparisons[f].level(i, j, scratch);
            }
            counts.add(Em.encode(levels, levelCounts), 1);
        }
    }

    private final class ScoreTask extends Task {
        final double[][] weights;
        final double[][] tf;
        final double prior;
        final double keepWeight;
        final PairBuffer kept = new PairBuffer();
        long pairs;
        double sumProbability;

        ScoreTask(double[][] weights, double[][] tf, double prior, double keepWeight) {
            this.weights = weights;
            this.tf = tf;
            this.prior = prior;
            this.keepWeight = keepWeight;
        }

        @Override
        public void pair(int i, int j) {
            double w = prior;
            for (int f = 0; f < comparisons.length; f++) {
                int l = comparisons[f].level(i, j, scratch);
                if (l >= 0) {
                    w += weights[f][l];
                    if (l == 0 && tf[f] != null) {
                        w += tf[f][comparisons[f].agreedValue(i, j)];
                    }
                }
            }
            pairs++;
            if (w > -30) {
                sumProbability += 1 / (1 + Math.pow(2, -w));
            }
            if (w >= keepWeight) {
                kept.add(i, j, w);
            }
        }
    }
}

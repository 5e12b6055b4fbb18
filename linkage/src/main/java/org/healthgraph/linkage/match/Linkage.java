package org.healthgraph.linkage.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.healthgraph.graph.ErrorKind;
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
import org.healthgraph.linkage.match.internal.Dependence;
import org.healthgraph.linkage.match.internal.Em;
import org.healthgraph.linkage.match.internal.LongCounts;
import org.healthgraph.linkage.match.internal.PairBuffer;
import org.healthgraph.linkage.match.internal.RecordLevel;
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
    /** Smallest share of the expected matches that a field's near-certain sample must hold to refine its m. */
    private static final double REFINE_MIN_SHARE = 0.5;
    private static final int CLASS_VALUES_MAX = 4;
    private static final int RESCUE_MAX_RUN = 1000;
    private static final int GIVEN_VALUE_PRIOR_PAIRS = 50;

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
    /** The rescue's searches, built on first use. */
    private List<Blocking> rescueSearches;
    /** The left records the last {@link #score} searched again (the rescue): their candidates include the searches'. */
    private final java.util.BitSet rescued = new java.util.BitSet();
    /** The weights of the last model asked for (explanations come one by one, for a run's every link). */
    private LinkageModel weighedModel;
    private Weights weighedWeights;

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
            comparisons[f] = Comparison.build(config.fields().get(f), left, right, f, config.fields());
            progress.advance(1);
        }
        Comparison.pack(comparisons);
        progress.stage("block", config.blocking().size());
        Map<String, String> dateColumns = dateColumns(config);
        Blocking blocking = Blocking.build(config.blocking(), left, right, config.deduplicate(), dateColumns,
                config.maxPairsPerRule(), c -> keyColumn(config, c, true), c -> keyColumn(config, c, false));
        return new Linkage(config, progress, left, right, comparisons, blocking);
    }

    /** The date format of every column a date field reads, on both sides (blocking keys on dates parse them). */
    private static Map<String, String> dateColumns(LinkageConfig config) {
        Map<String, String> dateColumns = new HashMap<>();
        for (Field f : config.fields()) {
            if (f.type() == FieldType.DATE) {
                dateColumns.put(f.leftColumn(), f.dateFormat());
                dateColumns.put(f.rightColumn(), f.dateFormat());
            }
        }
        return dateColumns;
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
                columns.add(keyColumn(config, (bar < 0 ? k : k.substring(0, bar)).strip(), isLeft || config.deduplicate()));
            }
        }
        return Table.read(input.path(), input.delimiter(), input.id(), columns);
    }

    /**
     * The column a blocking key reads on one side: a key naming a configured field reads that
     * field's main column of the side (the two files may name it differently); any other key is a
     * column of both files.
     */
    private static String keyColumn(LinkageConfig config, String key, boolean leftSide) {
        for (Field f : config.fields()) {
            if (f.name().equals(key)) {
                return leftSide ? f.leftColumn() : f.rightColumn();
            }
        }
        return key;
    }

    public int leftSize() {
        return left.size();
    }

    public int rightSize() {
        return right.size();
    }

    /**
     * Left records with no value in any compared field: nothing can be said about them, they have
     * no candidate and are never linked (counted so that a run says so).
     */
    public int emptyLeftRecords() {
        int n = 0;
        List<String[]> columns = new ArrayList<>();
        for (Field f : config.fields()) {
            for (String c : f.leftColumns()) {
                columns.add(left.column(c));
            }
        }
        rows:
        for (int i = 0; i < left.size(); i++) {
            for (String[] c : columns) {
                if (c[i] != null) {
                    continue rows;
                }
            }
            n++;
        }
        return n;
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
     * is the probability that two random records match. The sessions run twice: with independent
     * u's, then with u's given a dependence tree among non-matches ({@link Dependence}) fitted on
     * the random pairs weighted by their posterior of being a non-match (random pairs hold a few
     * matches, and in small files more than a few). m is then refined ({@link #refineM}). With
     * {@code candidates}, one free EM (m, u and prior) runs on all candidate pairs, as fastLink
     * does: sound with a single blocking rule.
     */
    public LinkageModel train() {
        long[][] random = randomPatterns();
        Dependence independent = Dependence.fit(random[0], toDouble(random[1]), levelCounts, false);
        double[][] uRandom = independent.marginals();
        LinkageConfig.Training t = config.training();
        if (t.uSource() == USource.CANDIDATES) {
            return trainOnCandidates(uRandom);
        }
        List<long[][]> rulePatterns = new ArrayList<>();
        for (int r = 0; r < blocking.ruleCount(); r++) {
            boolean[] blocked = blockedFields(config.blocking().get(r));
            int rule = r;
            progress.stage("patterns (" + blocking.ruleName(r) + ")", left.size());
            List<LongCounts> parts = scan(() -> new RulePatternTask(rule), task -> task.counts);
            LongCounts counts = new LongCounts();
            parts.forEach(counts::addAll);
            rulePatterns.add(counts.entries());
        }
        Sessions first = sessions(rulePatterns, independent);
        Dependence tree = Dependence.fit(random[0], nonMatchCounts(random, first, independent), levelCounts, true);
        Sessions second = sessions(rulePatterns, tree);
        ByValue[] byValue = new ByValue[levelCounts.length];
        if (config.deduplicate()) {
            refineM(second.m, tree, second.prior, second.expectedMatches);
        } else {
            byValue = refineMOnRecords(second.m, tree, second.prior, second.expectedMatches);
        }
        return model(second.m, uRandom, uRandom, second.prior, first.iterations + second.iterations, tree, byValue);
    }

    private static double[] toDouble(long[] counts) {
        double[] out = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            out[k] = counts[k];
        }
        return out;
    }

    /** The random pairs' pattern counts, each weighted by its posterior of being a non-match under a first model. */
    private double[] nonMatchCounts(long[][] random, Sessions model, Dependence u) {
        double[] out = new double[random[0].length];
        double priorWeight = LinkageModel.log2(model.prior / (1 - model.prior));
        for (int p = 0; p < out.length; p++) {
            int[] lv = Em.decode(random[0][p], levelCounts);
            double w = priorWeight;
            for (int f = 0; f < lv.length; f++) {
                if (lv[f] >= 0) {
                    w += LinkageModel.log2(model.m[f][lv[f]] / u.u(f, lv[f], lv));
                }
            }
            out[p] = random[1][p] * (1 - LinkageModel.probability(w));
        }
        return out;
    }

    /**
     * The outcome of the per-rule EM sessions.
     *
     * @param m per field and level, the mean of the sessions' m (floored, normalised)
     * @param prior the probability that two random records match
     * @param expectedMatches the number of matches the sessions expect among the candidates
     * @param iterations EM iterations over all sessions
     */
    private record Sessions(double[][] m, double prior, double expectedMatches, int iterations) {
    }

    /**
     * Runs one EM session per blocking rule on its pattern counts, u fixed by {@code u}. A session
     * whose EM expects more matches than the smaller file has records (two files linked) has taken
     * a cluster of non-matches for the matches (strangers of one birth date sharing a fashionable
     * first name, say, when the rule's own keys leave few fields to tell them apart): its m and its
     * match count are left out, unless no other session estimates the field.
     */
    private Sessions sessions(List<long[][]> rulePatterns, Dependence u) {
        double bound = config.deduplicate() ? Double.POSITIVE_INFINITY : Math.min(left.size(), right.size());
        List<Em.Result> results = new ArrayList<>();
        List<Long> pairCounts = new ArrayList<>();
        int iterations = 0;
        for (int r = 0; r < rulePatterns.size(); r++) {
            long[][] entries = rulePatterns.get(r);
            boolean[] blocked = blockedFields(config.blocking().get(r));
            long pairs = 0;
            for (long c : entries[1]) {
                pairs += c;
            }
            pairCounts.add(pairs);
            if (pairs == 0) {
                results.add(null);
                continue;
            }
            double lambda0 = Math.min(0.5, Math.max(1e-6, (double) Math.min(left.size(), right.size()) / pairs));
            Em.Result em = Em.runFixedU(entries[0], entries[1], levelCounts, initialM(), u, blocked, lambda0,
                    config.training().maxIterations(), 1e-7);
            iterations += em.iterations();
            results.add(em);
        }
        boolean[] plausible = new boolean[results.size()];
        for (int r = 0; r < plausible.length; r++) {
            plausible[r] = results.get(r) != null && results.get(r).lambda() * pairCounts.get(r) <= bound;
        }
        double[][] mSum = new double[levelCounts.length][];
        int[] sessions = new int[levelCounts.length];
        for (int f = 0; f < mSum.length; f++) {
            mSum[f] = new double[levelCounts[f]];
        }
        double expectedMatches = 0;
        for (int f = 0; f < levelCounts.length; f++) {
            boolean anyPlausible = false;
            for (int r = 0; r < results.size(); r++) {
                anyPlausible |= plausible[r] && !blockedFields(config.blocking().get(r))[f];
            }
            for (int r = 0; r < results.size(); r++) {
                Em.Result em = results.get(r);
                if (em == null || blockedFields(config.blocking().get(r))[f] || (anyPlausible && !plausible[r])) {
                    continue;
                }
                sessions[f]++;
                for (int l = 0; l < levelCounts[f]; l++) {
                    mSum[f][l] += em.m()[f][l];
                }
            }
        }
        boolean anyPlausible = false;
        for (boolean p : plausible) {
            anyPlausible |= p;
        }
        for (int r = 0; r < results.size(); r++) {
            if (results.get(r) != null && (plausible[r] || !anyPlausible)) {
                expectedMatches = Math.max(expectedMatches, results.get(r).lambda() * pairCounts.get(r));
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
        return new Sessions(m, prior, expectedMatches, iterations);
    }

    /**
     * Re-estimates each field's m among the candidate pairs that the other fields alone make
     * near-certain matches (probability at least {@link #REFINE_PROBABILITY} without this field),
     * from agreement-pattern counts: under conditional independence among matches this sample is
     * unbiased for the field, and it stays clean where the session EMs are not, when fields are
     * correlated among non-matches (a hospital and its département, say). A field keeps its
     * session estimate when its sample holds less than {@link #REFINE_MIN_SHARE} of the expected
     * matches.
     */
    private void refineM(double[][] m, Dependence u, double prior, double expectedMatches) {
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
                double[] without = weightsWithout(lv, m, u, priorWeight);
                for (int f = 0; f < lv.length; f++) {
                    if (lv[f] >= 0 && without[f] >= minWeight) {
                        next[f][lv[f]] += entries[1][p];
                    }
                }
            }
            applyRefinementSample(m, next, levelCounts, expectedMatches);
        }
    }

    /**
     * {@link #refineM} for two files, where "near-certain" is the record-level posterior that the
     * decision uses ({@link RecordLevel}): a candidate's odds without the field (and its children)
     * over the sum of its record's candidates' odds without it plus 1 − λ, λ the sessions' share
     * of left records with a counterpart. The pairwise posterior with a global prior of one in a
     * million needs more agreement than four fields without the fifth give (on the register data
     * the first name's and the birth date's samples were empty and the postcode's held 303 pairs
     * for about 4,700 matches, so their session estimates stayed, m(postcode else) 0.09 for a true
     * 0.05); a candidate without a rival among its record's candidates needs about 1 − λ less. The
     * selection still uses the other fields only (of the pair and of its rivals), so the sample is
     * unbiased for the field left out.
     */
    private ByValue[] refineMOnRecords(double[][] m, Dependence u, double prior, double expectedMatches) {
        progress.stage("patterns (all rules)", left.size());
        List<RecordPatternTask> tasks = scan(RecordPatternTask::new, t -> t);
        Map<Long, Integer> index = new HashMap<>();
        List<int[]> decodedList = new ArrayList<>();
        List<int[]> candidates = new ArrayList<>();
        List<int[]> starts = new ArrayList<>();
        List<int[]> lefts = new ArrayList<>();
        for (RecordPatternTask t : tasks) {
            int[] c = new int[t.size];
            for (int k = 0; k < t.size; k++) {
                long code = t.codes[k];
                Integer p = index.get(code);
                if (p == null) {
                    p = decodedList.size();
                    index.put(code, p);
                    decodedList.add(Em.decode(code, levelCounts));
                }
                c[k] = p;
            }
            candidates.add(c);
            starts.add(java.util.Arrays.copyOf(t.starts, t.records));
            lefts.add(java.util.Arrays.copyOf(t.lefts, t.records));
        }
        int[] classFields = classFields();
        // per class field, its value in the left record, field and level: the last round's sample split by that value
        double[][][][] byClass = new double[classFields.length][][][];
        for (int c = 0; c < classFields.length; c++) {
            byClass[c] = new double[comparisons[classFields[c]].distinctValues()][m.length][];
            for (double[][] perValue : byClass[c]) {
                for (int f = 0; f < m.length; f++) {
                    perValue[f] = new double[levelCounts[f]];
                }
            }
        }
        int[][] decoded = decodedList.toArray(int[][]::new);
        double lambda = Math.min(RecordLevel.LAMBDA_MAX, expectedMatches / left.size());
        double priorWeight = LinkageModel.log2(prior / (1 - prior));
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            // per distinct pattern and field: the log2 odds without the field and its children
            double[][] without = new double[decoded.length][m.length];
            for (int p = 0; p < decoded.length; p++) {
                without[p] = weightsWithout(decoded[p], m, u, priorWeight);
            }
            double[][] next = new double[m.length][];
            for (int f = 0; f < m.length; f++) {
                next[f] = new double[levelCounts[f]];
            }
            boolean last = round == REFINE_ROUNDS - 1;
            for (int t = 0; t < candidates.size(); t++) {
                int[] c = candidates.get(t);
                int[] st = starts.get(t);
                int[] lf = lefts.get(t);
                for (int r = 0; r < st.length; r++) {
                    int from = st[r];
                    int to = r + 1 < st.length ? st[r + 1] : c.length;
                    for (int f = 0; f < m.length; f++) {
                        double sum = 1 - lambda;
                        for (int k = from; k < to; k++) {
                            sum += Math.pow(2, without[c[k]][f]);
                        }
                        for (int k = from; k < to; k++) {
                            int level = decoded[c[k]][f];
                            if (level >= 0 && Math.pow(2, without[c[k]][f]) / sum >= REFINE_PROBABILITY) {
                                next[f][level]++;
                                for (int cf = 0; last && cf < classFields.length; cf++) {
                                    int value = comparisons[classFields[cf]].leftValue(lf[r]);
                                    if (value >= 0) {
                                        byClass[cf][value][f][level]++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            applyRefinementSample(m, next, levelCounts, expectedMatches);
        }
        return mByValue(m, classFields, byClass, expectedMatches);
    }

    /**
     * A field's m given the left record's value of a class field: per value id of that field, m
     * per level (null for a value whose sample was too small: it takes the field's m).
     */
    private record ByValue(int classField, double[][] m) {
    }

    /**
     * The exact fields of a few values ({@value #CLASS_VALUES_MAX} at most), such as the sex, whose
     * left value may tell how a match's other fields compare: among matches, a woman's surname
     * differs far more often than a man's (a married name).
     */
    private int[] classFields() {
        List<Integer> out = new ArrayList<>();
        for (int f = 0; f < comparisons.length; f++) {
            int values = comparisons[f].distinctValues();
            if (config.fields().get(f).type() == FieldType.EXACT && values >= 2 && values <= CLASS_VALUES_MAX) {
                out.add(f);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Dependence among matches on the left record's class: for each field, its refinement sample
     * split by the value of each class field; where the split is significant (the G-test of
     * {@link Dependence}, at 0.001) the field's m is given the value of the class field that tells
     * most (largest mutual information), each value's level shares shrunk toward the field's m
     * with the weight of {@value #REFINE_MIN_PAIRS} pairs (a Dirichlet prior centred on it), so
     * that a level seldom seen in one class keeps about its overall m. Only values whose sample
     * holds at least {@value #REFINE_MIN_PAIRS} pairs are split off, and only samples that were
     * large enough to refine the field's m at all.
     */
    private ByValue[] mByValue(double[][] m, int[] classFields, double[][][][] byClass, double expectedMatches) {
        ByValue[] out = new ByValue[m.length];
        for (int f = 0; f < m.length; f++) {
            double best = 0;
            for (int c = 0; c < classFields.length; c++) {
                if (classFields[c] == f) {
                    continue;
                }
                double[][][] perValue = byClass[c];
                List<double[]> rows = new ArrayList<>();
                double total = 0;
                for (double[][] value : perValue) {
                    double n = java.util.Arrays.stream(value[f]).sum();
                    total += n;
                    if (n >= REFINE_MIN_PAIRS) {
                        rows.add(value[f]);
                    }
                }
                if (rows.size() < 2 || total < REFINE_MIN_SHARE * expectedMatches) {
                    continue;
                }
                double information = Dependence.significantInformation(rows.toArray(double[][]::new));
                if (information <= best) {
                    continue;
                }
                best = information;
                double[][] mv = new double[perValue.length][];
                for (int v = 0; v < perValue.length; v++) {
                    double[] counts = perValue[v][f];
                    double n = java.util.Arrays.stream(counts).sum();
                    if (n < REFINE_MIN_PAIRS) {
                        continue;
                    }
                    mv[v] = new double[counts.length];
                    double norm = 0;
                    for (int l = 0; l < counts.length; l++) {
                        mv[v][l] = Math.max(M_FLOOR, (counts[l] + REFINE_MIN_PAIRS * m[f][l]) / (n + REFINE_MIN_PAIRS));
                        norm += mv[v][l];
                    }
                    for (int l = 0; l < counts.length; l++) {
                        mv[v][l] /= norm;
                    }
                }
                out[f] = new ByValue(classFields[c], mv);
            }
        }
        return out;
    }

    /**
     * For each field of a comparison pattern, the pattern's log2 odds (prior and every compared
     * field's weight) without that field's own weight and its children's (whose u it conditions).
     */
    private static double[] weightsWithout(int[] lv, double[][] m, Dependence u, double priorWeight) {
        double total = priorWeight;
        double[] w = new double[lv.length];
        for (int f = 0; f < lv.length; f++) {
            if (lv[f] >= 0) {
                w[f] = LinkageModel.log2(m[f][lv[f]] / u.u(f, lv[f], lv));
                total += w[f];
            }
        }
        double[] without = new double[lv.length];
        for (int f = 0; f < lv.length; f++) {
            without[f] = total - w[f] - childWeights(u, f, w);
        }
        return without;
    }

    /** The summed weights of the fields whose u is given field {@code f}'s level. */
    private static double childWeights(Dependence u, int f, double[] w) {
        double sum = 0;
        for (int g = 0; g < w.length; g++) {
            if (u.parent(g) == f) {
                sum += w[g];
            }
        }
        return sum;
    }

    private boolean[] blockedFields(LinkageConfig.BlockingRule rule) {
        Set<String> columns = new java.util.HashSet<>();
        for (String k : rule.keys()) {
            int bar = k.indexOf('|');
            String key = (bar < 0 ? k : k.substring(0, bar)).strip();
            columns.add(keyColumn(config, key, true));
            columns.add(keyColumn(config, key, false));
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

    private LinkageModel model(double[][] m, double[][] u, double[][] uRandom, double prior, int iterations,
                               Dependence dependence, ByValue[] byValue) {
        List<FieldModel> fields = new ArrayList<>();
        for (int f = 0; f < levelCounts.length; f++) {
            String[] labels = comparisons[f].labels();
            List<Level> levels = new ArrayList<>();
            for (int l = 0; l < labels.length; l++) {
                levels.add(new Level(labels[l], m[f][l], u[f][l], uRandom[f][l]));
            }
            int g = dependence.parent(f);
            FieldModel field;
            if (g < 0) {
                field = new FieldModel(config.fields().get(f).name(), levels);
            } else {
                List<List<Double>> uGiven = new ArrayList<>();
                for (double[] row : dependence.conditional(f)) {
                    uGiven.add(java.util.Arrays.stream(row).boxed().toList());
                }
                field = new FieldModel(config.fields().get(f).name(), levels, Optional.of(config.fields().get(g).name()), uGiven);
            }
            if (byValue[f] != null) {
                Comparison given = comparisons[byValue[f].classField()];
                Map<String, List<Double>> rows = new java.util.LinkedHashMap<>();
                for (int v = 0; v < byValue[f].m().length; v++) {
                    if (byValue[f].m()[v] != null) {
                        rows.put(given.valueOf(v), java.util.Arrays.stream(byValue[f].m()[v]).boxed().toList());
                    }
                }
                field = field.withMByValue(config.fields().get(byValue[f].classField()).name(), rows);
            }
            fields.add(field);
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
        return model(r.m(), r.u(), uRandom, r.lambda(), r.iterations(), Dependence.independent(r.u()),
                new ByValue[levelCounts.length]);
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

    /**
     * Agreement-pattern counts of random pairs (almost all non-matches), sampled in parallel (one
     * seeded stream per slice): {patterns, counts}.
     */
    private long[][] randomPatterns() {
        int n = config.training().randomPairs();
        progress.stage("random pairs", n);
        int slices = 16;
        LongCounts[] perSlice = new LongCounts[slices];
        SplittableRandom root = new SplittableRandom(config.training().seed());
        SplittableRandom[] streams = new SplittableRandom[slices];
        for (int s = 0; s < slices; s++) {
            streams[s] = root.split();
        }
        AtomicInteger next = new AtomicInteger();
        runParallel(() -> {
            Text.Scratch scratch = new Text.Scratch();
            int[] levels = new int[levelCounts.length];
            int s;
            while ((s = next.getAndIncrement()) < slices) {
                LongCounts patterns = new LongCounts();
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
                        levels[f] = comparisons[f].level(i, j, scratch);
                    }
                    patterns.add(Em.encode(levels, levelCounts), 1);
                }
                perSlice[s] = patterns;
                progress.advance(count);
            }
        });
        LongCounts all = new LongCounts();
        for (LongCounts slice : perSlice) {
            all.addAll(slice);
        }
        return all.entries();
    }

    /**
     * Scores every candidate pair with the model and applies the decision policy. With record-level
     * decisions (docs/linkage.md), each left record's odds are summed over all its candidates, λ
     * is estimated from these sums, and each kept pair's record-level probability decides. The
     * pieces are those of {@link #kernel}, which a distributed engine runs the same way.
     */
    public LinkageResult score(LinkageModel model) {
        ScoringKernel kernel = kernel(model);
        progress.stage("score", left.size());
        long start = System.nanoTime();
        cpuNanos.set(0);
        List<ScoringKernel.Scored> parts = scan(() -> new ScoreTask(kernel.partial()), t -> t.partial.scored());
        double seconds = (System.nanoTime() - start) / 1e9;
        return kernel.decide(parts, seconds, cpuNanos.get() / 1e9);
    }

    /**
     * The scoring of this linkage under {@code model} in pieces that another engine can distribute:
     * blocking join keys, the weight of a pair, the decision over scored pairs.
     */
    public ScoringKernel kernel(LinkageModel model) {
        model.requireFits(config.fields());
        double threshold = config.decision().threshold();
        double thresholdWeight = LinkageModel.log2(threshold / (1 - threshold));
        boolean records = recordLevel();
        double keepWeight = records ? RecordLevel.lowestUsefulWeight(thresholdWeight, model.prior(), right.size()) : thresholdWeight;
        return new ScoringKernel(this, model, weightsOf(model), thresholdWeight, keepWeight, records);
    }

    /** Each blocking rule's join value per record ({@link Blocking#joinKeys}): {@code [side][rule][record]}. */
    long[][][] joinKeys() {
        return Blocking.joinKeys(config.blocking(), left, right, config.deduplicate(), dateColumns(config),
                c -> keyColumn(config, c, true), c -> keyColumn(config, c, false));
    }

    /**
     * The decision over the kept pairs of a scoring pass (sorted by left and right record, so that
     * the order in which they were scored does not matter), after the rescue when configured.
     *
     * @param oddsSum per left record, the sum of its candidates' odds (null for pairwise decisions)
     * @param sumAll the sum of every candidate's pairwise probability
     */
    LinkageResult finish(ScoringKernel kernel, PairBuffer scored, double[] oddsSum, long candidates, double sumAll,
                         double seconds, double cpuSeconds) {
        boolean records = kernel.recordLevel();
        PairBuffer kept = scored;
        rescued.clear();
        if (records && config.decision().rescue()) {
            ScoringKernel.Partial rescued = rescue(kernel, oddsSum);
            kept.addAll(rescued.kept());
            candidates += rescued.pairs();
        }
        kept = kept.sorted();
        progress.stage("decide", kept.size());
        Scoring scoring = new Scoring(kernel.weights(), kernel.thresholdWeight(),
                records ? RecordLevel.estimate(oddsSum, kernel.prior(), right.size()) : null, oddsSum);
        List<Link> links = decide(kept, scoring);
        double sumLinks = 0;
        for (Link l : links) {
            sumLinks += l.decisionProbability();
        }
        if (records) {
            // on the record-level scale, the expected number of true matches among the candidates
            sumAll = 0;
            for (double s : oddsSum) {
                sumAll += scoring.records.matchProbability(s);
            }
        }
        double precision = links.isEmpty() ? 1 : sumLinks / links.size();
        double recall = sumAll > 0 ? Math.min(1, sumLinks / sumAll) : 1;
        return new LinkageResult(links, candidates, seconds, precision, recall, cpuSeconds,
                records ? OptionalDouble.of(scoring.records.lambda()) : OptionalDouble.empty());
    }

    /**
     * The rescue (docs/linkage.md): blocking rules miss a counterpart whose every rule has a key that
     * disagrees (a married name, a move and a birth date off by a year, say). So the left records
     * whose candidates probably do not hold their counterpart (record-level probability under 1/2 that
     * one of them is it) are searched again, on every two compared fields agreeing exactly and on
     * swapped name columns (a name field with a {@code reversed:} level), keys shared by at most
     * {@value #RESCUE_MAX_RUN} right records; the pairs found are scored by the same model and join
     * the record's odds sum. Training is untouched: the model is the blocking rules' model.
     *
     * @return a pass holding the new pairs kept and the count of pairs scored
     */
    private ScoringKernel.Partial rescue(ScoringKernel kernel, double[] oddsSum) {
        ScoringKernel.Partial found = kernel.partial(oddsSum);
        List<Blocking> searches = rescueSearches();
        if (searches.isEmpty()) {
            return found;
        }
        RecordLevel first = RecordLevel.estimate(oddsSum, kernel.prior(), right.size());
        int[] seen = new int[right.size()];
        java.util.Arrays.fill(seen, -1);
        progress.stage("rescue", left.size());
        for (int i = 0; i < left.size(); i++) {
            if (first.matchProbability(oddsSum[i]) < config.decision().threshold()) {
                rescued.set(i);
                blocking.candidates(i, seen, (a, j) -> { });
                rescueCandidates(i, seen, found::pair);
            }
            progress.advance(1);
        }
        return found;
    }

    /**
     * The rescue's searches: one rule per two compared fields (names, codes, dates, and exact fields
     * of more than {@value #CLASS_VALUES_MAX} values) not already implied by a blocking rule on plain
     * keys, and per name field with a {@code reversed:F} level one rule on both names swapped.
     */
    private synchronized List<Blocking> rescueSearches() {
        if (rescueSearches == null) {
            rescueSearches = buildRescueSearches();
        }
        return rescueSearches;
    }

    /** The rescue's candidates of left record {@code i} not yet {@code seen} (marked with {@code i}). */
    private void rescueCandidates(int i, int[] seen, Blocking.PairVisitor visitor) {
        for (Blocking b : rescueSearches()) {
            for (int r = 0; r < b.ruleCount(); r++) {
                b.candidatesOfRule(r, i, RESCUE_MAX_RUN, seen, visitor);
            }
        }
    }

    /**
     * Every candidate of left record {@code i} the last scoring weighed: the blocking rules' and,
     * for a record the rescue searched again, the rescue's.
     */
    private void scoredCandidates(int i, int[] seen, Blocking.PairVisitor visitor) {
        blocking.candidates(i, seen, visitor);
        if (rescued.get(i)) {
            rescueCandidates(i, seen, visitor);
        }
    }

    private List<Blocking> buildRescueSearches() {
        List<Integer> eligible = new ArrayList<>();
        for (int f = 0; f < comparisons.length; f++) {
            Field field = config.fields().get(f);
            boolean classField = field.type() == FieldType.EXACT && comparisons[f].distinctValues() <= CLASS_VALUES_MAX;
            if (field.type() != FieldType.NUMBER && !classField) {
                eligible.add(f);
            }
        }
        List<LinkageConfig.BlockingRule> pairs = new ArrayList<>();
        for (int a = 0; a < eligible.size(); a++) {
            for (int b = a + 1; b < eligible.size(); b++) {
                String fa = config.fields().get(eligible.get(a)).name();
                String fb = config.fields().get(eligible.get(b)).name();
                boolean implied = config.blocking().stream().anyMatch(r -> Set.of(fa, fb).containsAll(r.keys()));
                if (!implied) {
                    pairs.add(new LinkageConfig.BlockingRule("rescue: " + fa + " and " + fb, List.of(fa, fb)));
                }
            }
        }
        Map<String, String> dateColumns = dateColumns(config);
        List<Blocking> out = new ArrayList<>();
        if (!pairs.isEmpty()) {
            out.add(Blocking.build(pairs, left, right, false, dateColumns, Long.MAX_VALUE, c -> keyColumn(config, c, true),
                    c -> keyColumn(config, c, false)));
        }
        Set<Set<String>> swapped = new java.util.HashSet<>();
        for (Field f : config.fields()) {
            for (String level : f.levels()) {
                if (f.type() == FieldType.NAME && level.startsWith("reversed:")) {
                    String other = level.substring("reversed:".length()).strip();
                    if (!other.equals(f.name()) && swapped.add(Set.of(f.name(), other))) {
                        // left (f, other) against right (other, f)
                        out.add(Blocking.build(List.of(new LinkageConfig.BlockingRule("rescue: " + f.name() + " and " + other
                                        + " swapped", List.of(f.name(), other))), left, right, false, dateColumns, Long.MAX_VALUE,
                                c -> keyColumn(config, c, true),
                                c -> keyColumn(config, c.equals(f.name()) ? other : c.equals(other) ? f.name() : c, false)));
                    }
                }
            }
        }
        return out;
    }

    /** True when decisions use record-level probabilities. */
    boolean recordLevel() {
        return config.decision().probability() == LinkageConfig.DecisionProbability.RECORD && !config.deduplicate();
    }

    /**
     * What deciding and explaining need from a scoring pass.
     *
     * @param records the record-level model (null for pairwise decisions)
     * @param oddsSum per left record, the sum of its candidates' pairwise odds (null for pairwise decisions)
     */
    private record Scoring(Weights weights, double thresholdWeight, RecordLevel records, double[] oddsSum) {
    }

    /**
     * A model's weights in the form scoring reads: per field, row (0: u marginal; b + 1: u given
     * level b of the parent field) and level; each field's parent (-1 for none); term-frequency
     * adjustments per field and value (null rows when off); the prior weight.
     */
    record Weights(double[][][] levels, int[] parents, double[][] tf, double prior, int[] mParents,
                   double[][][][] byValue, double[][] givenValue) {
    }

    /** The weights of {@code model}, computed once per model (term-frequency tables read the whole right file). */
    private synchronized Weights weightsOf(LinkageModel model) {
        if (weighedModel != model) {
            weighedWeights = weights(model);
            weighedModel = model;
        }
        return weighedWeights;
    }

    /**
     * The scoring weights; for a field whose m is given a left record's value, {@code byValue[f][v]}
     * holds its rows for the dictionary id v of that value (null: the field's own rows).
     */
    private Weights weights(LinkageModel model) {
        int[] mParents = model.mParents();
        double[][][][] byValue = new double[comparisons.length][][][];
        for (int f = 0; f < comparisons.length; f++) {
            if (mParents[f] < 0) {
                continue;
            }
            Comparison given = comparisons[mParents[f]];
            byValue[f] = new double[given.distinctValues()][][];
            for (int v = 0; v < byValue[f].length; v++) {
                List<Double> m = model.fields().get(f).mByValue().get(given.valueOf(v));
                if (m != null) {
                    byValue[f][v] = model.conditionalWeights(f, m.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
        return new Weights(model.conditionalWeights(), model.parents(), termFrequencyAdjustments(model), model.priorWeight(),
                mParents, byValue, givenValueAdjustments(model));
    }

    /** The weight of a pair whose levels are in {@code levels} (filled here). */
    double pairWeight(int i, int j, Weights w, int[] levels, Text.Scratch scratch) {
        for (int f = 0; f < comparisons.length; f++) {
            levels[f] = comparisons[f].level(i, j, scratch);
        }
        double total = w.prior;
        for (int f = 0; f < comparisons.length; f++) {
            total += fieldWeight(i, j, f, w, levels);
        }
        return total;
    }

    /** One field's contribution, term-frequency adjustment included (0 when missing). */
    private double fieldWeight(int i, int j, int f, Weights w, int[] levels) {
        int l = levels[f];
        if (l < 0) {
            return 0;
        }
        int p = w.parents[f];
        double[][] rows = w.levels[f];
        int g = w.mParents[f];
        if (g >= 0) {
            int value = comparisons[g].leftValue(i);
            if (value >= 0 && w.byValue[f][value] != null) {
                rows = w.byValue[f][value];
            }
        }
        return rows[p < 0 || levels[p] < 0 ? 0 : levels[p] + 1][l] + valueAdjustment(i, j, f, w, levels);
    }

    /**
     * The part of an exact agreement's weight due to the values agreed on: the field's term
     * frequency, and its u given the value its parent field agrees on ({@link #givenValueAdjustments}).
     */
    private double valueAdjustment(int i, int j, int f, Weights w, int[] levels) {
        if (levels[f] != 0) {
            return 0;
        }
        double v = 0;
        if (w.tf[f] != null) {
            v += w.tf[f][comparisons[f].agreedValue(i, j)];
        }
        int p = w.parents[f];
        if (w.givenValue[f] != null && levels[p] == 0) {
            int agreed = comparisons[p].agreedValue(i, j);
            if (agreed >= 0) {
                v += w.givenValue[f][agreed];
            }
        }
        return v;
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
        return new LinkageResult(links, 0, (System.nanoTime() - start) / 1e9, 1, 1, 0, OptionalDouble.empty());
    }

    /** Explains the score of a pair given by ids: the prior and each field's contribution. */
    public Explanation explain(LinkageModel model, String leftId, String rightId) {
        int[] ij = indexes(leftId, rightId);
        return explain(ij[0], ij[1], weightsOf(model), new Text.Scratch());
    }

    /**
     * Explains a pair with its record-level step, for a run whose record-level model had
     * {@code counterpartShare} as λ ({@link LinkageResult#counterpartShare()}): the left record's
     * candidates are enumerated again to weigh the pair's rivals, those the rescue found included
     * when the last scoring searched this record again, so that a link's explanation gives the
     * record-level probability its decision used.
     */
    public Explanation explain(LinkageModel model, double counterpartShare, String leftId, String rightId) {
        if (config.deduplicate()) {
            throw new LinkageException("explain: a deduplication has no record-level step");
        }
        int[] ij = indexes(leftId, rightId);
        Weights weights = weightsOf(model);
        Text.Scratch scratch = new Text.Scratch();
        int[] levels = new int[comparisons.length];
        double[] sum = new double[1];
        int[] count = new int[1];
        boolean[] candidate = new boolean[1];
        int[] seen = new int[right.size()];
        java.util.Arrays.fill(seen, -1);
        scoredCandidates(ij[0], seen, (i, j) -> {
            sum[0] += Math.pow(2, pairWeight(i, j, weights, levels, scratch));
            count[0]++;
            candidate[0] |= j == ij[1];
        });
        Explanation e = explain(ij[0], ij[1], weights, scratch);
        if (!candidate[0]) {
            // not a candidate pair: its own odds join the sum, as if blocking had proposed it
            sum[0] += Math.pow(2, e.weight());
            count[0]++;
        }
        RecordLevel records = RecordLevel.of(counterpartShare, model.prior(), right.size());
        return withRecordStep(e, records, sum[0], count[0]);
    }

    /** Whether the linkage deduplicates one file (no left and right). */
    public boolean deduplicates() {
        return config.deduplicate();
    }

    /** The left records' ids, in file order. */
    public List<String> leftIds() {
        return List.of(left.ids());
    }

    /**
     * For each of {@code leftIds}, its best candidate (highest pair weight) explained, with the
     * record-level step when {@code counterpartShare} is given: the near misses that clerical review
     * looks at beside the links; as in the scoring, a record the rescue searched again has the
     * rescue's candidates too. Left records without a candidate are left out; unknown ids are NOT_FOUND.
     */
    public List<Explanation> bestCandidates(LinkageModel model, OptionalDouble counterpartShare, java.util.Collection<String> leftIds) {
        if (config.deduplicate()) {
            throw new LinkageException("best candidates: a deduplication has no left and right records");
        }
        Weights weights = weightsOf(model);
        Text.Scratch scratch = new Text.Scratch();
        int[] levels = new int[comparisons.length];
        int[] seen = new int[right.size()];
        java.util.Arrays.fill(seen, -1);
        RecordLevel records = counterpartShare.isPresent()
                ? RecordLevel.of(counterpartShare.getAsDouble(), model.prior(), right.size()) : null;
        List<Explanation> out = new ArrayList<>();
        for (String leftId : leftIds) {
            int i = leftRow(leftId);
            double[] best = {Double.NEGATIVE_INFINITY, -1, 0, 0};
            scoredCandidates(i, seen, (a, j) -> {
                double w = pairWeight(a, j, weights, levels, scratch);
                best[2] += Math.pow(2, w);
                best[3]++;
                if (w > best[0]) {
                    best[0] = w;
                    best[1] = j;
                }
            });
            if (best[1] < 0) {
                continue;
            }
            Explanation e = explain(i, (int) best[1], weights, scratch);
            out.add(records == null ? e : withRecordStep(e, records, best[2], (int) best[3]));
        }
        return out;
    }

    /**
     * The compared values of a pair, per configured field: its left and right column's values as
     * read (empty when missing). Patient-level: for the review of a pair, never for a message.
     */
    public List<String[]> comparedValues(String leftId, String rightId) {
        int[] ij = indexes(leftId, rightId);
        List<String[]> values = new ArrayList<>();
        for (LinkageConfig.Field f : config.fields()) {
            values.add(new String[] {f.name(), value(left, f.leftColumn(), ij[0]), value(right, f.rightColumn(), ij[1])});
        }
        return values;
    }

    private static String value(Table t, String column, int row) {
        String[] values = t.column(column);
        return values == null || values[row] == null ? "" : values[row];
    }

    private int leftRow(String leftId) {
        ensureIndexes();
        Integer i = leftIndex.get(leftId);
        if (i == null) {
            throw new LinkageException(ErrorKind.NOT_FOUND, "explain: left id not found in " + left.source(), null);
        }
        return i;
    }

    private synchronized void ensureIndexes() {
        if (leftIndex == null) {
            leftIndex = indexOf(left);
            rightIndex = config.deduplicate() ? leftIndex : indexOf(right);
        }
    }

    private int[] indexes(String leftId, String rightId) {
        ensureIndexes();
        Integer i = leftIndex.get(leftId);
        Integer j = rightIndex.get(rightId);
        if (i == null || j == null) {
            throw new LinkageException(ErrorKind.NOT_FOUND, "explain: " + (i == null ? "left" : "right") + " id not found in "
                    + (i == null ? left : right).source(), null);
        }
        return new int[] {i, j};
    }

    private static Explanation withRecordStep(Explanation e, RecordLevel records, double oddsSum, int candidates) {
        double w = records.weight(e.weight(), oddsSum);
        Explanation.RecordStep step = new Explanation.RecordStep(records.lambda(), Math.max(0, candidates - 1L),
                records.rivalOdds(e.weight(), oddsSum), w - e.weight(), w, LinkageModel.probability(w));
        return new Explanation(e.leftId(), e.rightId(), e.priorWeight(), e.contributions(), e.weight(), e.probability(),
                Optional.of(step));
    }

    private Explanation explain(int i, int j, Weights w, Text.Scratch scratch) {
        int[] levels = new int[comparisons.length];
        for (int f = 0; f < comparisons.length; f++) {
            levels[f] = comparisons[f].level(i, j, scratch);
        }
        List<Explanation.Contribution> parts = new ArrayList<>();
        double total = w.prior;
        for (int f = 0; f < comparisons.length; f++) {
            int l = levels[f];
            if (l < 0) {
                parts.add(new Explanation.Contribution(config.fields().get(f).name(), "missing", 0, 0));
                continue;
            }
            double adj = valueAdjustment(i, j, f, w, levels);
            double v = fieldWeight(i, j, f, w, levels);
            total += v;
            parts.add(new Explanation.Contribution(config.fields().get(f).name(), comparisons[f].labels()[l], v, adj));
        }
        return new Explanation(left.id(i), right.id(j), w.prior, parts, total, LinkageModel.probability(total), Optional.empty());
    }

    private static Map<String, Integer> indexOf(Table t) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            m.put(t.id(i), i);
        }
        return m;
    }

    /**
     * u given the parent's agreed value (dependence among non-matches, value by value): a field whose
     * u is given another field's level (the dependence tree) agrees exactly, among strangers who agree
     * exactly on that field, at a rate that depends on the value they agree on. Two people named
     * Nathalie share a birth date more often than two people of a first name given in every decade
     * (the name was given over a few years), two people of a small département share a hospital more
     * often than two of Paris. So for each value v of the parent, u(field exact | parent exact on v)
     * is measured on the right file (pairs of records with v that agree on the field, over pairs of
     * records with v), shrunk toward the tree's u(field exact | parent exact) with the weight of
     * {@value #GIVEN_VALUE_PRIOR_PAIRS} pairs, and the exact level's weight moves by
     * log2(u(field exact | parent exact) / u(field exact | parent exact on v)), within the term
     * frequencies' bounds. With the parent's term frequency, the pair's evidence is then about the
     * joint frequency of the two values. Null rows for fields without such a parent.
     */
    private double[][] givenValueAdjustments(LinkageModel model) {
        double[][] adj = new double[comparisons.length][];
        int[] parents = model.parents();
        for (int f = 0; f < comparisons.length; f++) {
            int p = parents[f];
            if (p < 0 || comparisons[p].distinctValues() == 0 || !"exact".equals(comparisons[f].labels()[0])
                    || !"exact".equals(comparisons[p].labels()[0])) {
                continue;
            }
            double uGiven = model.fields().get(f).uGiven().getFirst().getFirst();
            long[] keys = new long[right.size()];
            int n = 0;
            for (int j = 0; j < right.size(); j++) {
                int v = comparisons[p].rightValue(j);
                int d = comparisons[f].rightExactKey(j);
                if (v >= 0 && d >= 0) {
                    keys[n++] = (long) v << 32 | d;
                }
            }
            keys = java.util.Arrays.copyOf(keys, n);
            java.util.Arrays.sort(keys);
            double[] records = new double[comparisons[p].distinctValues()];
            double[] agreeing = new double[records.length];
            for (int a = 0; a < n; ) {
                int b = a;
                while (b < n && keys[b] == keys[a]) {
                    b++;
                }
                int v = (int) (keys[a] >>> 32);
                double c = b - a;
                records[v] += c;
                agreeing[v] += c * (c - 1) / 2;
                a = b;
            }
            adj[f] = new double[records.length];
            for (int v = 0; v < records.length; v++) {
                double pairs = records[v] * (records[v] - 1) / 2;
                double u = (agreeing[v] + GIVEN_VALUE_PRIOR_PAIRS * uGiven) / (pairs + GIVEN_VALUE_PRIOR_PAIRS);
                adj[f][v] = Math.max(TF_MIN, Math.min(TF_MAX, LinkageModel.log2(uGiven / u)));
            }
        }
        return adj;
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

    private List<Link> decide(PairBuffer kept, Scoring scoring) {
        int n = kept.size();
        // the weight each kept pair is decided on: record-level or pairwise
        double[] decisionWeight = new double[n];
        for (int k = 0; k < n; k++) {
            decisionWeight[k] = scoring.records == null ? kept.weight(k)
                    : scoring.records.weight(kept.weight(k), scoring.oddsSum[kept.left(k)]);
        }
        boolean[] chosen = new boolean[n];
        String[] cluster = new String[n];
        DecisionMode mode = config.decision().mode();
        if (mode == DecisionMode.THRESHOLD) {
            for (int k = 0; k < n; k++) {
                chosen[k] = decisionWeight[k] >= scoring.thresholdWeight;
            }
        } else if (mode == DecisionMode.ONE_TO_ONE) {
            chosen = oneToOne(kept, decisionWeight, scoring.thresholdWeight);
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
                Explanation e = explain(kept.left(k), kept.right(k), scoring.weights, scratch);
                List<Double> parts = e.contributions().stream().map(Explanation.Contribution::weight).toList();
                OptionalDouble record = scoring.records == null ? OptionalDouble.empty()
                        : OptionalDouble.of(LinkageModel.probability(decisionWeight[k]));
                links.add(new Link(e.leftId(), e.rightId(), e.probability(), e.weight(), parts, "fellegi-sunter",
                        Optional.ofNullable(cluster[k]), record));
            }
        }
        links.sort(java.util.Comparator.comparing(Link::leftId).thenComparing(Link::rightId));
        return links;
    }

    /**
     * The one-to-one assignment over the pairs whose decision weight reaches the threshold,
     * maximising the total of {@code weight − threshold weight}.
     */
    private static boolean[] oneToOne(PairBuffer kept, double[] decisionWeight, double thresholdWeight) {
        int n = kept.size();
        int[] index = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (decisionWeight[k] >= thresholdWeight) {
                index[m++] = k;
            }
        }
        int[] l = new int[m];
        int[] r = new int[m];
        double[] s = new double[m];
        for (int e = 0; e < m; e++) {
            l[e] = kept.left(index[e]);
            r[e] = kept.right(index[e]);
            s[e] = decisionWeight[index[e]] - thresholdWeight + 1e-9;
        }
        boolean[] solved = Assignment.solve(l, r, s);
        boolean[] chosen = new boolean[n];
        for (int e = 0; e < m; e++) {
            chosen[index[e]] = solved[e];
        }
        return chosen;
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

    /** The agreement pattern of every candidate pair, grouped by left record (a record's candidates come together). */
    private final class RecordPatternTask extends Task {
        long[] codes = new long[1024];
        int size;
        int[] starts = new int[256];
        int[] lefts = new int[256];
        int records;
        private int current = -1;

        @Override
        public void pair(int i, int j) {
            if (i != current) {
                if (records == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, records * 2);
                    lefts = java.util.Arrays.copyOf(lefts, records * 2);
                }
                lefts[records] = i;
                starts[records++] = size;
                current = i;
            }
            for (int f = 0; f < comparisons.length; f++) {
                levels[f] = comparisons[f].level(i, j, scratch);
            }
            if (size == codes.length) {
                codes = java.util.Arrays.copyOf(codes, size * 2);
            }
            codes[size++] = Em.encode(levels, levelCounts);
        }
    }

    private final class RulePatternTask extends Task {
        final LongCounts counts = new LongCounts();
        final int rule;

        RulePatternTask(int rule) {
            this.rule = rule;
        }

        @Override
        public void pair(int i, int j) {
            for (int f = 0; f < comparisons.length; f++) {
                // a blocked field's level is kept: the session skips its m and u, but it conditions
                // the u of the fields that depend on it
                levels[f] = comparisons[f].level(i, j, scratch);
            }
            counts.add(Em.encode(levels, levelCounts), 1);
        }
    }

    /** A scoring pass over the candidates of the left records that one thread scans. */
    private final class ScoreTask extends Task {
        final ScoringKernel.Partial partial;

        ScoreTask(ScoringKernel.Partial partial) {
            this.partial = partial;
        }

        @Override
        public void pair(int i, int j) {
            partial.pair(i, j);
        }
    }

    /**
     * Replaces each field's m by the level shares of its refinement sample {@code next}, floored and
     * normalised. A sample that holds few of the expected matches is selected by unusually strong
     * agreement of the other fields, which among matches is not always independent of this one (a
     * swap moves both names): the session estimate is kept then.
     */
    private static void applyRefinementSample(double[][] m, double[][] next, int[] levelCounts, double expectedMatches) {
        for (int f = 0; f < m.length; f++) {
            double sum = 0;
            for (double v : next[f]) {
                sum += v;
            }
            if (sum < REFINE_MIN_PAIRS || sum < REFINE_MIN_SHARE * expectedMatches) {
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

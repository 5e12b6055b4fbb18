package org.healthgraph.bench.linkage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.healthgraph.linkage.match.Evaluation;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;

/**
 * Record linkage benchmark: on the generators' three situations, the Fellegi-Sunter engine (pairwise
 * decisions, record-level decisions without and with the rescue) beside the SNDS tiered exact-match
 * baseline (precision, recall, F1, end-to-end time, peak heap), then
 * the raw scoring rate on a deliberately loose blocking. Arguments: [national] [cohort] [seed]
 * [situation: identifiers or quasi-identifiers, default both; the scoring rate runs with both only].
 */
public final class LinkageBench {

    /** The linkers compared on each situation. */
    private enum Run {
        TIERS(Strategy.TIERS, null, true, "snds tiers"),
        PAIRS(Strategy.FELLEGI_SUNTER, DecisionProbability.PAIR, true, "fs pairwise"),
        RECORDS_NO_RESCUE(Strategy.FELLEGI_SUNTER, DecisionProbability.RECORD, false, "fs rec, no rescue"),
        RECORDS(Strategy.FELLEGI_SUNTER, DecisionProbability.RECORD, true, "fs record-level");

        final Strategy strategy;
        final DecisionProbability decision;
        final boolean rescue;
        final String label;

        Run(Strategy strategy, DecisionProbability decision, boolean rescue, String label) {
            this.strategy = strategy;
            this.decision = decision;
            this.rescue = rescue;
            this.label = label;
        }
    }

    private LinkageBench() {
    }

    public static void main(String[] args) throws IOException {
        int national = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int cohort = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        List<Situation> situations = args.length > 3 ? List.of(Situation.parse(args[3])) : List.of(Situation.values());
        Path dir = Files.createTempDirectory("healthgraph-linkage-bench-");
        try {
            System.out.printf(Locale.ROOT, "Record linkage: %,d cohort records against %,d national records, %d threads, max heap %,d MB; "
                    + "load average at start %.1f%n", cohort, national, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "%-18s %-17s %9s %9s %9s %9s %9s %9s %12s %10s %10s %9s %7s %12s%n", "situation", "strategy",
                    "precision", "recall", "F1", "est.prec", "est.rec", "lambda", "candidates", "pairs/s", "seconds", "heap MB", "cpu s", "pairs/cpu-s");
            for (Situation s : situations) {
                Path sub = dir.resolve(s.name().toLowerCase(Locale.ROOT));
                LinkageGenerator.Generated g = LinkageGenerator.generate(s, national, cohort, seed, sub);
                LinkageConfig config = LinkageConfigs.read(g.config());
                for (Run run : Run.values()) {
                    LinkageConfig c = run.decision == null ? config
                            : config.withDecision(config.decision().withProbability(run.decision).withRescue(run.rescue));
                    System.gc();
                    resetPeaks();
                    long cpu = cpuNanos();
                    Path out = sub.resolve("links-" + run.name().toLowerCase(Locale.ROOT) + ".csv");
                    LinkageJob.Summary sum = LinkageJob.run(c, run.strategy, out, LinkageProgress.NONE);
                    Evaluation e = Evaluation.of(out, g.truth());
                    boolean fs = run.strategy == Strategy.FELLEGI_SUNTER;
                    System.out.printf(Locale.ROOT, "%-18s %-17s %9.4f %9.4f %9.4f %9s %9s %9s %,12d %,10.0f %10.1f %,9d %7.1f %,12.0f%n",
                            s.name().toLowerCase(Locale.ROOT), run.label, e.precision(), e.recall(), e.f1(),
                            fs ? String.format(Locale.ROOT, "%.4f", sum.result().expectedPrecision()) : "-",
                            fs ? String.format(Locale.ROOT, "%.4f", sum.result().expectedRecall()) : "-",
                            sum.result().counterpartShare().isPresent()
                                    ? String.format(Locale.ROOT, "%.4f", sum.result().counterpartShare().getAsDouble()) : "-",
                            sum.result().candidatePairs(), sum.result().pairsPerSecond(), sum.seconds(), peakHeapMb(),
                            (cpuNanos() - cpu) / 1e9, sum.result().pairsPerCpuSecond());
                }
            }
            if (situations.size() == Situation.values().length) {
                scoringRate(dir, national, cohort, seed);
            }
            System.out.println("Peer figure: Splink publishes ~128,000 scored pairs/s per vCPU (DuckDB backend); "
                    + "the SNDS documentation calls an indirect linkage successful at 90% of people found (~95% typical).");
        } finally {
            deleteTree(dir);
        }
    }

    /** The quasi-identifier data with a loose blocking (birth year and sex only), to measure raw scoring. */
    private static void scoringRate(Path dir, int national, int cohort, long seed) throws IOException {
        Path sub = dir.resolve("quasi_identifiers");
        Path loose = sub.resolve("loose.yaml");
        String yaml = Files.readString(sub.resolve("linkage.yaml"));
        yaml = yaml.substring(0, yaml.indexOf("blocking:")) + """
                blocking:
                  - {name: birth year and sex, keys: [annee_naissance, sexe]}
                decision: {mode: one-to-one, threshold: 0.5}
                training: {u: candidates}
                """;
        Files.writeString(loose, yaml);
        LinkageConfig config = LinkageConfigs.read(loose);
        System.gc();
        resetPeaks();
        long cpu = cpuNanos();
        LinkageJob.Summary sum = LinkageJob.run(config, Strategy.FELLEGI_SUNTER, sub.resolve("links-loose.csv"), LinkageProgress.NONE);
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        Evaluation e = Evaluation.of(sub.resolve("links-loose.csv"), sub.resolve("truth.csv"));
        System.out.printf(Locale.ROOT, "Scoring rate (quasi-identifiers, blocking on birth year and sex only): %,d candidate pairs scored "
                        + "in %.2f s = %,.0f pairs/s on %d threads under this load; %,.0f pairs per CPU second of the scoring threads, "
                        + "so %,.0f pairs/s on %d dedicated cores; end to end %.1f s (process CPU %.1f s), peak heap %,d MB, F1 %.4f%n",
                sum.result().candidatePairs(), sum.result().scoringSeconds(), sum.result().pairsPerSecond(),
                config.threads(), sum.result().pairsPerCpuSecond(), sum.result().pairsPerCpuSecond() * config.threads(),
                config.threads(), sum.seconds(), cpuSeconds, peakHeapMb(), e.f1());
        System.out.printf(Locale.ROOT, "Machine load average during the run: %.1f on %d cores (other builds share the machine; "
                + "wall times scale with it, CPU seconds do not)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package org.healthgraph.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.linkage.match.Evaluation;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageResult;
import org.healthgraph.spark.internal.LinkageKernels;

/**
 * The {@code spark-submit} entry point of record linkage (docs/scale-out.md):
 * <pre>
 * spark-submit --class org.healthgraph.spark.LinkJob healthgraph-spark.jar \
 *     --config FILE --out FILE [--partitions N] [--probability pair|record] [--rescue true|false]
 *     [--truth FILE] [--check]
 * </pre>
 * Links as {@code healthgraph link} does with the same configuration (JSON or YAML), the pairs
 * joined and scored on Spark ({@link SparkLinkage}), and writes the links CSV of the {@code link}
 * command. {@code --truth} evaluates the links against a file of true pairs; {@code --check} also
 * scores on the driver with the single-machine engine, the same model, and says whether the links
 * are identical (same pairs, probabilities within 1e-9), with both times.
 */
public final class LinkJob {

    private static final String USAGE = "usage: --config FILE --out FILE [--partitions N] [--probability pair|record]"
            + " [--rescue true|false] [--truth FILE] [--check]";

    private LinkJob() {
    }

    public static void main(String[] args) {
        Path config = null;
        Path out = null;
        Path truth = null;
        int partitions = -1;
        Optional<DecisionProbability> probability = Optional.empty();
        Optional<Boolean> rescue = Optional.empty();
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--config" -> config = Path.of(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--truth" -> truth = Path.of(required(args[i], value));
                case "--partitions" -> partitions = Integer.parseInt(required(args[i], value));
                case "--probability" -> probability = Optional.of(probability(required(args[i], value)));
                case "--rescue" -> rescue = Optional.of(bool(args[i], required(args[i], value)));
                case "--check" -> {
                    check = true;
                    i--;
                }
                default -> throw new SparkJobException("unknown argument " + args[i] + "; " + USAGE);
            }
            i++;
        }
        if (config == null || out == null) {
            throw new SparkJobException(USAGE);
        }
        SparkSession spark = SparkSession.builder().appName("healthgraph link").getOrCreate();
        try {
            SparkLinkage job = SparkLinkage.on(spark);
            if (partitions > 0) {
                job = job.with(partitions);
            }
            SparkLinkage.Run run = job.link(config, probability, rescue);
            LinkageJob.write(run.result().links(), run.linkage().fieldNames(), isClusters(run), out);
            System.out.printf(Locale.ROOT, "records: %,d left, %,d right; Spark %s, master %s%n", run.linkage().leftSize(),
                    run.linkage().rightSize(), spark.version(), spark.sparkContext().master());
            print("spark", run.result(), run.scoreSeconds(), run.result().scoringCpuSeconds(), truth, out);
            System.out.printf(Locale.ROOT, "  driver: open %.1f s, train %.1f s; the Spark phase includes the executors' own"
                    + " open of the inputs (in local mode, this JVM's: %.1f s); end to end %.1f s; links written to %s%n",
                    run.openSeconds(), run.trainSeconds(), LinkageKernels.openSeconds(),
                    run.openSeconds() + run.trainSeconds() + run.scoreSeconds(), out.getFileName());
            if (check) {
                check(run, truth, out);
            }
        } finally {
            spark.stop();
        }
    }

    private static boolean isClusters(SparkLinkage.Run run) {
        return run.result().links().stream().anyMatch(l -> l.clusterId().isPresent());
    }

    /** Scores again with the single-machine engine on the driver and compares. */
    private static void check(SparkLinkage.Run run, Path truth, Path out) {
        long t0 = System.nanoTime();
        long cpu0 = SparkLinkage.cpuNanos();
        LinkageResult single = run.linkage().score(run.model());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (SparkLinkage.cpuNanos() - cpu0) / 1e9;
        Path singleOut = out.resolveSibling(out.getFileName() + ".single-machine.csv");
        LinkageJob.write(single.links(), run.linkage().fieldNames(), isClusters(run), singleOut);
        print("single", single, seconds, cpu, truth, singleOut);
        System.out.printf(Locale.ROOT, "  end to end %.1f s (the driver's open and training above, then this scoring)%n",
                run.openSeconds() + run.trainSeconds() + seconds);
        System.out.println("  identical links: " + SparkLinkage.sameLinks(single, run.result()).map(d -> "no, " + d).orElse("yes"));
    }

    private static void print(String engine, LinkageResult r, double seconds, double cpu, Path truth, Path links) {
        String quality = "";
        if (truth != null) {
            Evaluation e = Evaluation.of(links, truth);
            quality = String.format(Locale.ROOT, ", precision %.4f, recall %.4f, F1 %.4f", e.precision(), e.recall(), e.f1());
        }
        System.out.printf(Locale.ROOT, "%-6s: %,d links, %,d pairs scored, %.1f s wall, %.1f s CPU in this JVM (%,.0f pairs per CPU"
                + " second)%s%n", engine, r.links().size(), r.candidatePairs(), seconds, cpu, r.candidatePairs() / cpu, quality);
    }

    private static DecisionProbability probability(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "pair" -> DecisionProbability.PAIR;
            case "record" -> DecisionProbability.RECORD;
            default -> throw new SparkJobException("--probability: expected pair or record, got '" + s + "'");
        };
    }

    private static boolean bool(String option, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new SparkJobException(option + ": expected true or false, got '" + s + "'");
        };
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new SparkJobException(option + " needs a value");
        }
        return value;
    }
}

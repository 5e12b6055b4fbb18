package org.healthgraph.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.healthgraph.linkage.match.Link;
import org.healthgraph.linkage.match.Linkage;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.LinkageResult;
import org.healthgraph.linkage.match.ScoringKernel;
import org.healthgraph.spark.internal.BlockingKeys;
import org.healthgraph.spark.internal.LinkageKernels;
import org.healthgraph.spark.internal.PairScoring;

/**
 * Record linkage (Fellegi-Sunter, docs/linkage.md) with the candidate pairs joined and scored on
 * Spark. On the driver: the configuration and inputs are read and checked as the {@code link}
 * command reads them ({@link Linkage#open}: a missing file or column fails here, before any Spark
 * work), and the model is trained there (single-machine training: the model is small) or read from
 * the configuration's model file. On the executors: each JVM opens the same inputs once
 * ({@link LinkageKernels}), the blocking keys of every rule are rows (rule, key, record), the two
 * sides are joined on (rule, key) by Spark (a sort-merge join that spills to disk), pairs proposed
 * by several rules are kept once, and each partition of pairs is weighed by the linkage module's
 * {@link ScoringKernel}. On the driver again: the partitions' kept pairs and odds sums are merged
 * and decided by the same kernel (rescue searches, record-level λ, one-to-one or clusters), so the
 * links are the single-machine engine's.
 */
public final class SparkLinkage {

    private final SparkSession spark;
    private final int partitions;

    private SparkLinkage(SparkSession spark, int partitions) {
        this.spark = spark;
        this.partitions = partitions;
    }

    /** Jobs on {@code spark}, the records split in as many partitions as its {@code spark.sql.shuffle.partitions}. */
    public static SparkLinkage on(SparkSession spark) {
        return new SparkLinkage(spark, Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
    }

    /** These jobs with the records' row ranges split in {@code partitions} partitions. */
    public SparkLinkage with(int partitions) {
        if (partitions < 1) {
            throw new SparkJobException("partitions must be at least 1, got " + partitions);
        }
        return new SparkLinkage(spark, partitions);
    }

    /**
     * A linkage run: the linkage opened on the driver (its inputs, for writing or explaining the
     * links), the model scored with, the result, and the time of each step in seconds.
     */
    public record Run(Linkage linkage, LinkageModel model, LinkageResult result, double openSeconds, double trainSeconds,
                      double scoreSeconds) {
    }

    /** Links as the configuration file says. */
    public Run link(Path configFile) {
        return link(configFile, Optional.empty(), Optional.empty());
    }

    /**
     * Links as the configuration file says, with its decision probability and rescue setting
     * overridden when given.
     */
    public Run link(Path configFile, Optional<DecisionProbability> probability, Optional<Boolean> rescue) {
        if (!Files.isRegularFile(configFile)) {
            throw new SparkJobException("the linkage configuration " + configFile + " is missing or not a file");
        }
        Path config = configFile.toAbsolutePath();
        LinkageConfig c = LinkageKernels.Spec.config(config, probability, rescue);
        if (c.fields().isEmpty()) {
            throw new SparkJobException("the linkage configuration " + config.getFileName()
                    + " compares no field (it is set up for direct linkage only): nothing to score on Spark");
        }
        long t0 = System.nanoTime();
        Linkage linkage = Linkage.open(c, LinkageProgress.NONE);
        long t1 = System.nanoTime();
        LinkageModel model = model(c, linkage);
        long t2 = System.nanoTime();
        LinkageKernels.Spec spec = new LinkageKernels.Spec(config.toString(), probability.map(Enum::name).orElse(""),
                rescue.map(String::valueOf).orElse(""), model.toJson());
        ScoringKernel kernel = linkage.kernel(model);
        long cpu0 = cpuNanos();
        List<ScoringKernel.Scored> parts = score(spec, kernel.leftSize(), kernel.rightSize(), kernel.deduplicates(),
                c.blocking().size());
        double seconds = (System.nanoTime() - t2) / 1e9;
        LinkageResult result = kernel.decide(parts, seconds, (cpuNanos() - cpu0) / 1e9);
        return new Run(linkage, model, result, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
    }

    /** The configuration's model file when it exists, else a model trained on the driver (and saved there when named). */
    private static LinkageModel model(LinkageConfig c, Linkage linkage) {
        Optional<Path> file = c.training().model();
        if (file.isPresent() && Files.exists(file.get())) {
            return LinkageModel.load(file.get());
        }
        LinkageModel m = linkage.train();
        file.ifPresent(m::save);
        return m;
    }

    private List<ScoringKernel.Scored> score(LinkageKernels.Spec spec, int leftSize, int rightSize, boolean dedupe,
                                             int rules) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<LinkageKernels.Spec> shared = jsc.broadcast(spec);
        Dataset<Row> left = keys(shared, 0, leftSize, "i");
        Dataset<Row> right = dedupe ? keys(shared, 0, leftSize, "j") : keys(shared, 1, rightSize, "j");
        Dataset<Row> pairs = left.join(right, left.col("rule").equalTo(right.col("rule"))
                        .and(left.col("key").equalTo(right.col("key"))))
                .select(left.col("i"), right.col("j"));
        if (dedupe) {
            pairs = pairs.where(pairs.col("j").gt(pairs.col("i")));
        }
        if (rules > 1) {
            // a pair proposed by several rules is scored once, as the single-machine enumeration does
            pairs = pairs.dropDuplicates("i", "j");
        }
        // every pair of a left record in one partition: the partition's odds sum of that record is its
        // whole sum, and the driver receives one sum per left record, not one per record and partition
        pairs = pairs.repartition(partitions, pairs.col("i"));
        try {
            return pairs.javaRDD().mapPartitions(new PairScoring(shared)).collect();
        } finally {
            shared.destroy();
        }
    }

    private Dataset<Row> keys(Broadcast<LinkageKernels.Spec> spec, int side, int size, String rowColumn) {
        JavaRDD<Row> rows = spark.range(0, size, 1, partitions).javaRDD().mapPartitions(new BlockingKeys(spec, side));
        return spark.createDataFrame(rows, BlockingKeys.schema(rowColumn));
    }

    /**
     * How two results' links differ, if they do: the same pairs in the same order, the same cluster
     * ids, and probabilities (pairwise and record-level) and weights within {@code 1e-9}. The
     * difference is described by position and numbers only, never by a record's id.
     */
    public static Optional<String> sameLinks(LinkageResult a, LinkageResult b) {
        if (a.links().size() != b.links().size()) {
            return Optional.of(a.links().size() + " links against " + b.links().size());
        }
        for (int k = 0; k < a.links().size(); k++) {
            Link x = a.links().get(k);
            Link y = b.links().get(k);
            if (!x.leftId().equals(y.leftId()) || !x.rightId().equals(y.rightId())) {
                return Optional.of("link " + k + " joins other records");
            }
            if (!x.clusterId().equals(y.clusterId())) {
                return Optional.of("link " + k + " is in another cluster");
            }
            if (Math.abs(x.probability() - y.probability()) > 1e-9 || Math.abs(x.decisionProbability() - y.decisionProbability()) > 1e-9
                    || Math.abs(x.weight() - y.weight()) > 1e-9) {
                return Optional.of(String.format(java.util.Locale.ROOT, "link %d: probability %.12f against %.12f, decision probability"
                        + " %.12f against %.12f", k, x.probability(), y.probability(), x.decisionProbability(), y.decisionProbability()));
            }
        }
        return Optional.empty();
    }

    /** This JVM's CPU time: in local mode the driver and the executors' threads are this JVM. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

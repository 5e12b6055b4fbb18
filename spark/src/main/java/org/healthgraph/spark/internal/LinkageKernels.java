package org.healthgraph.spark.internal;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

import org.healthgraph.linkage.match.Linkage;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.healthgraph.linkage.match.LinkageModel;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.ScoringKernel;

/**
 * The scoring kernel of a linkage in each JVM of a Spark job (driver and executors), built once per
 * JVM from what the job broadcasts ({@link Spec}: the configuration file, the decision overrides and
 * the model as JSON): the inputs are read and encoded by the linkage module's own {@link Linkage#open},
 * so that every JVM holds the same dictionaries, term-frequency tables and weights. A JVM keeps the
 * kernel of one job at a time.
 */
public final class LinkageKernels {

    private static Spec current;
    private static ScoringKernel kernel;
    private static long[][][] joinKeys;
    private static double openSeconds;

    private LinkageKernels() {
    }

    /**
     * What every JVM of a job needs to build the same kernel.
     *
     * @param configFile the configuration file, at a path every JVM of the job can read (its inputs too)
     * @param probability the decision probability overriding the file's ("" for the file's)
     * @param rescue "true" or "false" overriding the file's rescue setting ("" for the file's)
     * @param modelJson the model, as {@link LinkageModel#toJson} writes it
     */
    public record Spec(String configFile, String probability, String rescue, String modelJson) implements Serializable {

        /** The configuration read from its file, with the overrides applied. */
        public LinkageConfig config() {
            return config(Path.of(configFile), probability.isEmpty() ? Optional.empty()
                    : Optional.of(DecisionProbability.valueOf(probability)),
                    rescue.isEmpty() ? Optional.empty() : Optional.of(Boolean.parseBoolean(rescue)));
        }

        /** A configuration file read, with its decision probability and rescue overridden when given. */
        public static LinkageConfig config(Path file, Optional<DecisionProbability> probability, Optional<Boolean> rescue) {
            LinkageConfig config = LinkageConfigs.read(file);
            LinkageConfig.Decision d = config.decision();
            if (probability.isPresent()) {
                d = d.withProbability(probability.get());
            }
            if (rescue.isPresent()) {
                d = d.withRescue(rescue.get());
            }
            return config.withDecision(d);
        }
    }

    /** This JVM's kernel for {@code spec}, opening the inputs the first time. */
    public static synchronized ScoringKernel kernel(Spec spec) {
        if (!spec.equals(current)) {
            kernel = null;
            joinKeys = null;
            current = null;
            long t0 = System.nanoTime();
            Linkage linkage = Linkage.open(spec.config(), LinkageProgress.NONE);
            kernel = linkage.kernel(LinkageModel.fromJson(spec.modelJson()));
            current = spec;
            openSeconds = (System.nanoTime() - t0) / 1e9;
        }
        return kernel;
    }

    /**
     * The wall time this JVM took to open the inputs of its current kernel (in local mode the
     * executors' copy, which a job's figures should show apart).
     */
    public static synchronized double openSeconds() {
        return openSeconds;
    }

    /** This JVM's blocking join values for {@code spec} ({@link ScoringKernel#joinKeys}), computed once. */
    public static synchronized long[][][] joinKeys(Spec spec) {
        ScoringKernel k = kernel(spec);
        if (joinKeys == null) {
            joinKeys = k.joinKeys();
        }
        return joinKeys;
    }
}

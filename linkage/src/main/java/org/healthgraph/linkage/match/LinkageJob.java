package org.healthgraph.linkage.match;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.linkage.match.internal.DirectJoin;
import org.healthgraph.linkage.match.internal.Table;

/**
 * The end-to-end job behind {@code healthgraph link}: read, block, train (or load the model),
 * score, decide and write the links CSV. The output is written to a temporary file beside the
 * target and moved into place only when complete, so a failed run leaves no file that looks finished.
 */
public final class LinkageJob {

    /** Which linker runs. */
    public enum Strategy {
        /** Fellegi-Sunter scoring with the configured decision. */
        FELLEGI_SUNTER,
        /** The SNDS tiered exact-match baseline. */
        TIERS,
        /** Direct linkage: an exact join on the pseudonym column of each file (the SNDS "appariement direct"). */
        DIRECT;

        /** Parses {@code fellegi-sunter}/{@code fs}, {@code tiers} or {@code direct}. */
        public static Strategy parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "fellegi-sunter", "fs", "probabilistic" -> FELLEGI_SUNTER;
                case "tiers", "tiered", "snds" -> TIERS;
                case "direct", "pseudonym" -> DIRECT;
                default -> throw new LinkageException("strategy '" + s + "': expected fellegi-sunter, tiers or direct");
            };
        }
    }

    /**
     * What direct linkage left aside.
     *
     * @param leftMissing left records without a pseudonym
     * @param rightMissing right records without a pseudonym
     * @param leftRepeated left records whose pseudonym another left record shares (not linked)
     * @param rightRepeated right records whose pseudonym another right record shares (not linked)
     */
    public record DirectCounts(long leftMissing, long rightMissing, long leftRepeated, long rightRepeated) {
    }

    /**
     * What a run did.
     *
     * @param strategy the strategy
     * @param leftRecords records read on the left
     * @param rightRecords records read on the right
     * @param blockingPairs each rule's own candidate pair count
     * @param model the model used (absent for tiers)
     * @param result links and scoring figures
     * @param seconds wall time end to end
     * @param output the links file
     * @param direct for direct linkage, what it left aside
     * @param emptyLeftRecords left records with no value in any compared field (never linked)
     */
    public record Summary(Strategy strategy, int leftRecords, int rightRecords, Map<String, Long> blockingPairs,
                          java.util.Optional<LinkageModel> model, LinkageResult result, double seconds, Path output,
                          java.util.Optional<DirectCounts> direct, int emptyLeftRecords) {
    }

    /**
     * Hears a run once its links are decided and before they are written, while the linkage's data
     * is still in memory (to explain and keep the pairs of the run: {@code review.RunRecorder}).
     */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param linkage the linkage (absent for direct linkage, which compares no field)
         * @param model the model used (absent for the exact strategies)
         * @param result the decided links and estimates
         */
        void decided(java.util.Optional<Linkage> linkage, java.util.Optional<LinkageModel> model, LinkageResult result);

        /**
         * The model the run will score with, once trained or loaded; the returned model is used
         * (and saved, when the configuration names a model file and the model was trained). By
         * default the model as it is.
         */
        default LinkageModel trained(LinkageModel model) {
            return model;
        }
    }

    private LinkageJob() {
    }

    /** {@link #run(LinkageConfig, Strategy, Path, LinkageProgress, Observer)} with nobody listening. */
    public static Summary run(LinkageConfig config, Strategy strategy, Path out, LinkageProgress progress) {
        return run(config, strategy, out, progress, (linkage, model, result) -> { });
    }

    /**
     * Runs a configuration with the given strategy and writes the links to {@code out}. Running out
     * of heap stops the run with a {@link ErrorKind#UNAVAILABLE} error naming the stage and the heap
     * size; the output is written only at the end, so nothing is half-written.
     */
    public static Summary run(LinkageConfig config, Strategy strategy, Path out, LinkageProgress progress, Observer observer) {
        String[] stage = {"start"};
        LinkageProgress tracked = new LinkageProgress() {
            @Override
            public void stage(String name, long total) {
                stage[0] = name;
                progress.stage(name, total);
            }

            @Override
            public void advance(long done) {
                progress.advance(done);
            }
        };
        try {
            return runTracked(config, strategy, out, tracked, observer);
        } catch (OutOfMemoryError e) {
            // the run's data is unreachable once this frame is left: the heap is free again here
            throw new LinkageException(ErrorKind.UNAVAILABLE, "linkage ran out of memory at stage '" + stage[0]
                    + "' with a maximum heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MB; nothing was written to "
                    + out.getFileName() + ". Give the JVM more heap (HEALTHGRAPH_JAVA_OPTS=-Xmx8g, say), or make the blocking "
                    + "stricter if the stage is score or decide (docs/linkage.md, Memory)", null);
        }
    }

    private static Summary runTracked(LinkageConfig config, Strategy strategy, Path out, LinkageProgress progress,
                                      Observer observer) {
        long start = System.nanoTime();
        if (strategy == Strategy.DIRECT) {
            Summary s = direct(config, out, progress, start);
            observer.decided(java.util.Optional.empty(), java.util.Optional.empty(), s.result());
            return s;
        }
        if (config.fields().isEmpty()) {
            throw new LinkageException("strategy " + strategy.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " compares fields, and the configuration has none (it is set up for direct linkage only)");
        }
        Linkage linkage = Linkage.open(config, progress);
        java.util.Optional<LinkageModel> model = java.util.Optional.empty();
        LinkageResult result;
        if (strategy == Strategy.TIERS) {
            result = linkage.tiers();
        } else {
            Path modelFile = config.training().model().orElse(null);
            LinkageModel m;
            if (modelFile != null && Files.exists(modelFile)) {
                m = observer.trained(LinkageModel.load(modelFile));
            } else {
                m = observer.trained(linkage.train());
                if (modelFile != null) {
                    m.save(modelFile);
                }
            }
            model = java.util.Optional.of(m);
            result = linkage.score(m);
        }
        observer.decided(java.util.Optional.of(linkage), model, result);
        progress.stage("write", result.links().size());
        write(result.links(), linkage.fieldNames(), config.decision().mode() == LinkageConfig.DecisionMode.CLUSTER, out);
        return new Summary(strategy, linkage.leftSize(), linkage.rightSize(), linkage.blockingPairs(), model, result,
                (System.nanoTime() - start) / 1e9, out, java.util.Optional.empty(), linkage.emptyLeftRecords());
    }

    private static Summary direct(LinkageConfig config, Path out, LinkageProgress progress, long start) {
        LinkageConfig.Direct d = config.direct().orElseThrow(() -> new LinkageException(
                "strategy direct needs the pseudonym columns in the configuration: direct: {column: pseudonym}"));
        LinkageConfig.Input rightInput = config.right().orElseThrow();
        progress.stage("read", -1);
        Table left = Table.read(config.left().path(), config.left().delimiter(), config.left().id(), List.of(d.leftColumn()));
        Table right = Table.read(rightInput.path(), rightInput.delimiter(), rightInput.id(), List.of(d.rightColumn()));
        progress.stage("join", -1);
        DirectJoin.Result join = DirectJoin.join(left, d.leftColumn(), right, d.rightColumn());
        List<Link> links = new ArrayList<>();
        for (int[] p : join.pairs()) {
            links.add(new Link(left.id(p[0]), right.id(p[1]), 1, Double.POSITIVE_INFINITY, List.of(), "direct",
                    java.util.Optional.empty()));
        }
        links.sort(java.util.Comparator.comparing(Link::leftId).thenComparing(Link::rightId));
        double seconds = (System.nanoTime() - start) / 1e9;
        LinkageResult result = new LinkageResult(links, 0, seconds, 1, 1, 0, java.util.OptionalDouble.empty());
        progress.stage("write", links.size());
        write(links, List.of(), false, out);
        return new Summary(Strategy.DIRECT, left.size(), right.size(), Map.of(), java.util.Optional.empty(), result,
                (System.nanoTime() - start) / 1e9, out, java.util.Optional.of(new DirectCounts(join.leftMissing(),
                        join.rightMissing(), join.leftRepeated(), join.rightRepeated())), 0);
    }

    /**
     * Writes links as CSV: left_id, right_id, probability, record_probability, weight, method,
     * [cluster_id], then one {@code w_<field>} column per field. Atomic: a temporary file is moved
     * into place.
     */
    public static void write(List<Link> links, List<String> fields, boolean clusters, Path out) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".partial");
            List<String> header = new ArrayList<>(List.of("left_id", "right_id", "probability", "record_probability", "weight", "method"));
            if (clusters) {
                header.add("cluster_id");
            }
            fields.forEach(f -> header.add("w_" + f));
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
                List<String> row = new ArrayList<>();
                for (Link l : links) {
                    row.clear();
                    row.add(l.leftId());
                    row.add(l.rightId());
                    row.add(format(l.probability()));
                    row.add(l.recordProbability().isPresent() ? format(l.recordProbability().getAsDouble()) : "");
                    row.add(Double.isInfinite(l.weight()) ? "" : format(l.weight()));
                    row.add(l.method());
                    if (clusters) {
                        row.add(l.clusterId().orElse(""));
                    }
                    for (int f = 0; f < fields.size(); f++) {
                        row.add(f < l.contributions().size() ? format(l.contributions().get(f)) : "");
                    }
                    p.printRecord(row);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LinkageException("output " + out.getFileName() + ": cannot be written", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and named .partial
                }
            }
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

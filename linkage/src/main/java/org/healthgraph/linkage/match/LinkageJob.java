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
        TIERS;

        /** Parses {@code fellegi-sunter}/{@code fs} or {@code tiers}. */
        public static Strategy parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "fellegi-sunter", "fs", "probabilistic" -> FELLEGI_SUNTER;
                case "tiers", "tiered", "snds" -> TIERS;
                default -> throw new LinkageException("strategy '" + s + "': expected fellegi-sunter or tiers");
            };
        }
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
     */
    public record Summary(Strategy strategy, int leftRecords, int rightRecords, Map<String, Long> blockingPairs,
                          java.util.Optional<LinkageModel> model, LinkageResult result, double seconds, Path output) {
    }

    private LinkageJob() {
    }

    /** Runs a configuration with the given strategy and writes the links to {@code out}. */
    public static Summary run(LinkageConfig config, Strategy strategy, Path out, LinkageProgress progress) {
        long start = System.nanoTime();
        Linkage linkage = Linkage.open(config, progress);
        java.util.Optional<LinkageModel> model = java.util.Optional.empty();
        LinkageResult result;
        if (strategy == Strategy.TIERS) {
            result = linkage.tiers();
        } else {
            Path modelFile = config.training().model().orElse(null);
            LinkageModel m;
            if (modelFile != null && Files.exists(modelFile)) {
                m = LinkageModel.load(modelFile);
            } else {
                m = linkage.train();
                if (modelFile != null) {
                    m.save(modelFile);
                }
            }
            model = java.util.Optional.of(m);
            result = linkage.score(m);
        }
        progress.stage("write", result.links().size());
        write(result.links(), linkage.fieldNames(), config.decision().mode() == LinkageConfig.DecisionMode.CLUSTER, out);
        return new Summary(strategy, linkage.leftSize(), linkage.rightSize(), linkage.blockingPairs(), model, result,
                (System.nanoTime() - start) / 1e9, out);
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

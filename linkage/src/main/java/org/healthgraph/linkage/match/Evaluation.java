package org.healthgraph.linkage.match;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measured quality of links against a truth file: precision, recall, F1 and the errors.
 *
 * @param truePositives links that are true matches
 * @param falsePositives links that are not
 * @param falseNegatives true matches not linked
 * @param falsePositiveList the wrong links
 * @param falseNegativeList the missed matches
 */
public record Evaluation(long truePositives, long falsePositives, long falseNegatives, List<Pair> falsePositiveList,
                         List<Pair> falseNegativeList) {

    public Evaluation {
        falsePositiveList = List.copyOf(falsePositiveList);
        falseNegativeList = List.copyOf(falseNegativeList);
    }

    /** A pair of record ids. */
    public record Pair(String leftId, String rightId) {
        public Pair {
            Objects.requireNonNull(leftId, "leftId");
            Objects.requireNonNull(rightId, "rightId");
        }
    }

    public double precision() {
        long linked = truePositives + falsePositives;
        return linked == 0 ? 1 : (double) truePositives / linked;
    }

    public double recall() {
        long real = truePositives + falseNegatives;
        return real == 0 ? 1 : (double) truePositives / real;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Compares links with the true matches. */
    public static Evaluation of(Collection<Pair> links, Collection<Pair> truth) {
        Set<Pair> truthSet = new HashSet<>(truth);
        Set<Pair> linkSet = new HashSet<>(links);
        List<Pair> fp = new ArrayList<>();
        long tp = 0;
        for (Pair p : linkSet) {
            if (truthSet.contains(p)) {
                tp++;
            } else {
                fp.add(p);
            }
        }
        List<Pair> fn = new ArrayList<>();
        for (Pair p : truthSet) {
            if (!linkSet.contains(p)) {
                fn.add(p);
            }
        }
        return new Evaluation(tp, fp.size(), fn.size(), fp, fn);
    }

    /** Compares a links file (columns left_id, right_id) with a truth file (same columns). */
    public static Evaluation of(Path links, Path truth) {
        return of(readPairs(links), readPairs(truth));
    }

    /** Reads the pairs of a CSV file with columns {@code left_id} and {@code right_id}. */
    public static List<Pair> readPairs(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Pair> pairs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().contains("left_id") || !parser.getHeaderNames().contains("right_id")) {
                throw new LinkageException(file.getFileName() + ": expected columns left_id and right_id; columns are "
                        + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                pairs.add(new Pair(r.get("left_id"), r.get("right_id")));
            }
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new LinkageException(file.getFileName() + ": cannot be read as a CSV file of pairs", e);
        }
        return pairs;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "precision %.4f  recall %.4f  F1 %.4f  (TP %d, FP %d, FN %d)",
                precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
    }
}

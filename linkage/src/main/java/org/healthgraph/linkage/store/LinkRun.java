package org.healthgraph.linkage.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.LinkageModel;

/**
 * A linkage run as the graph keeps it (a {@code LinkRun} node), so that the API can read it back:
 * what was linked, how many pairs each blocking rule proposed, the trained model, the label-free
 * estimates as the engine left them, the review band and the distribution of the links' weights.
 * Its links are the {@code LINKED_TO} relationships of {@link #source()}; its pairs the
 * {@link RunPair}s saved with it.
 *
 * @param id the run's id (random, no identifier in it)
 * @param startedAt when the run started
 * @param source the linked source's name (prefix of its records' keys)
 * @param strategy {@code fellegi-sunter}, {@code tiers} or {@code direct}
 * @param inputs the left then right input (file name only, never a path)
 * @param rules each blocking rule with the candidate pairs it proposed
 * @param model the trained model (absent for the exact strategies)
 * @param estimates label-free estimates before any review
 * @param threshold the probability from which a pair is linked
 * @param band the review band
 * @param candidatePairs candidate pairs scored
 * @param links links decided by the engine
 * @param weightHistogram the links' match weights as histogram bins
 */
public record LinkRun(String id, Instant startedAt, String source, String strategy, List<Input> inputs, List<Rule> rules,
                      Optional<LinkageModel> model, Estimates estimates, double threshold, ReviewBand band,
                      long candidatePairs, int links, List<Bin> weightHistogram) {

    public LinkRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(strategy, "strategy");
        inputs = List.copyOf(inputs);
        rules = List.copyOf(rules);
        model = model == null ? Optional.empty() : model;
        Objects.requireNonNull(estimates, "estimates");
        Objects.requireNonNull(band, "band");
        weightHistogram = List.copyOf(weightHistogram);
    }

    /** An input file: its name (without folders) and the records read from it. */
    public record Input(String name, long records) {
    }

    /** A blocking rule and the candidate pairs it proposed on its own. */
    public record Rule(String rule, long pairs) {
    }

    /**
     * Label-free estimates.
     *
     * @param precision mean probability of the links
     * @param recall sum of the links' probabilities over the expected number of true matches
     * @param expectedMatches the expected number of true matches among the candidates
     * @param counterpartShare λ, for record-level decisions
     */
    public record Estimates(double precision, double recall, double expectedMatches, OptionalDouble counterpartShare) {
        public Estimates {
            counterpartShare = counterpartShare == null ? OptionalDouble.empty() : counterpartShare;
        }
    }

    /** One bin of a histogram of match weights: {@code [from, to)} and the pairs in it. */
    public record Bin(double from, double to, long count) {
    }

    /**
     * The uncertain band of probabilities whose pairs go to clerical review: {@code [low, high)}.
     *
     * @param low lowest probability reviewed
     * @param high probability from which pairs are no longer reviewed
     */
    public record ReviewBand(double low, double high) {
        public ReviewBand {
            if (!(low >= 0 && low < high && high <= 1)) {
                throw new LinkageException("review band: expected 0 <= low < high <= 1, as in 0.2..0.9");
            }
        }

        /** Parses {@code LOW..HIGH}, as in {@code 0.2..0.9}. */
        public static ReviewBand parse(String text) {
            int dots = text == null ? -1 : text.indexOf("..");
            if (dots < 0) {
                throw new LinkageException("review band: expected LOW..HIGH, as in 0.2..0.9");
            }
            try {
                return new ReviewBand(Double.parseDouble(text.substring(0, dots).strip()),
                        Double.parseDouble(text.substring(dots + 2).strip()));
            } catch (NumberFormatException e) {
                throw new LinkageException("review band: LOW and HIGH must be numbers, as in 0.2..0.9", e);
            }
        }

        /** Whether {@code probability} falls in the band. */
        public boolean contains(double probability) {
            return probability >= low && probability < high;
        }

        @Override
        public String toString() {
            return low + ".." + high;
        }
    }
}

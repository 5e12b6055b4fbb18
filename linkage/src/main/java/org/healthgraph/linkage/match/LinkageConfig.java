package org.healthgraph.linkage.match;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A linkage configuration, read from YAML or JSON by {@link LinkageConfigs#read}. See
 * docs/linkage.md for the file format with examples.
 *
 * @param left the left input (for example a research cohort)
 * @param right the right input (for example the national data); absent to deduplicate {@code left}
 * @param fields the compared fields, in output order
 * @param blocking OR-ed blocking rules: a pair is a candidate when any rule's keys all agree
 * @param decision what becomes a link
 * @param training how the model is estimated, and where it is saved or loaded
 * @param maxPairsPerRule a blocking rule producing more candidate pairs than this stops the run
 * @param threads worker threads (at most the available processors)
 * @param direct the pseudonym columns of direct linkage ({@code link --strategy direct}); a
 *     configuration for direct linkage only needs no fields nor blocking rules
 */
public record LinkageConfig(Input left, Optional<Input> right, List<Field> fields, List<BlockingRule> blocking,
                            Decision decision, Training training, long maxPairsPerRule, int threads, Optional<Direct> direct) {

    public LinkageConfig {
        Objects.requireNonNull(left, "left");
        right = right == null ? Optional.empty() : right;
        fields = List.copyOf(fields);
        blocking = List.copyOf(blocking);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(training, "training");
        direct = direct == null ? Optional.empty() : direct;
        if (direct.isPresent() && right.isEmpty()) {
            throw new LinkageException("configuration: direct linkage needs two files (a right input)");
        }
        if (fields.isEmpty() && direct.isEmpty()) {
            throw new LinkageException("configuration: at least one field must be compared (or 'direct' given for direct linkage)");
        }
        if (blocking.isEmpty() && !fields.isEmpty()) {
            throw new LinkageException("configuration: at least one blocking rule is required");
        }
        if (maxPairsPerRule <= 0) {
            throw new LinkageException("configuration: maxPairsPerRule must be positive");
        }
        if (threads <= 0) {
            throw new LinkageException("configuration: threads must be positive");
        }
        if (right.isEmpty() && decision.probability() == DecisionProbability.RECORD) {
            throw new LinkageException("configuration: decision.probability 'record' needs two files (a right input); "
                    + "a deduplication decides on pairs");
        }
    }

    /** A configuration without direct linkage. */
    public LinkageConfig(Input left, Optional<Input> right, List<Field> fields, List<BlockingRule> blocking,
                         Decision decision, Training training, long maxPairsPerRule, int threads) {
        this(left, right, fields, blocking, decision, training, maxPairsPerRule, threads, Optional.empty());
    }

    /** The same configuration with another decision (to compare decisions on the same data). */
    public LinkageConfig withDecision(Decision d) {
        return new LinkageConfig(left, right, fields, blocking, d, training, maxPairsPerRule, threads, direct);
    }

    /**
     * Direct linkage ("appariement direct"): an exact join on a pseudonym column of each file
     * (the keyed hash of national id, birth date and sex, as {@code healthgraph pseudonymise} writes it).
     *
     * @param leftColumn the pseudonym column of the left file
     * @param rightColumn the pseudonym column of the right file
     */
    public record Direct(String leftColumn, String rightColumn) {
        public Direct {
            if (leftColumn == null || leftColumn.isBlank() || rightColumn == null || rightColumn.isBlank()) {
                throw new LinkageException("configuration: direct needs a pseudonym column on each side (column, or leftColumn and rightColumn)");
            }
        }
    }

    /** True when the left input is linked against itself. */
    public boolean deduplicate() {
        return right.isEmpty();
    }

    /**
     * One CSV input.
     *
     * @param path the file (relative paths are resolved against the configuration file's folder)
     * @param id the column holding a unique record id
     * @param delimiter the field separator
     */
    public record Input(Path path, String id, char delimiter) {
        public Input {
            Objects.requireNonNull(path, "path");
            if (id == null || id.isBlank()) {
                throw new LinkageException("configuration: input " + path.getFileName() + " needs an id column");
            }
        }
    }

    /** Kinds of comparison, each with its own level vocabulary (see docs/linkage.md). */
    public enum FieldType {
        EXACT, NAME, DATE, NUMBER, CODE;

        static FieldType parse(String s, String field) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new LinkageException("configuration: field " + field + " has type '" + s
                        + "'; expected one of exact, name, date, number, code");
            }
        }
    }

    /**
     * A compared field.
     *
     * @param name name used in outputs and explanations
     * @param leftColumn column of the left input
     * @param rightColumn column of the right input
     * @param type comparison kind
     * @param levels the comparison levels, strongest first (for example {@code exact},
     *     {@code jaro-winkler>=0.92}); a last "else" level is implicit
     * @param dateFormat for dates: a {@link java.time.format.DateTimeFormatter} pattern
     * @param termFrequency adjust the exact-agreement weight by how common the value is
     * @param leftAlternatives further left columns holding other values of the same field (name
     *     fields only; for example a usage name beside the birth name): a pair takes the best level
     *     over every left value against every right value
     * @param rightAlternatives further right columns, likewise
     * @param equivalences for an {@code equivalent} level: the name equivalence tables, in order,
     *     each {@code builtin:prenoms-fr} (the built-in French first names) or a file path; empty
     *     means the built-in table
     */
    public record Field(String name, String leftColumn, String rightColumn, FieldType type, List<String> levels,
                        String dateFormat, boolean termFrequency, List<String> leftAlternatives,
                        List<String> rightAlternatives, List<String> equivalences) {
        public Field {
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
            leftAlternatives = leftAlternatives == null ? List.of() : List.copyOf(leftAlternatives);
            rightAlternatives = rightAlternatives == null ? List.of() : List.copyOf(rightAlternatives);
            equivalences = equivalences == null ? List.of() : List.copyOf(equivalences);
            if (type != FieldType.NAME && !equivalences.isEmpty()) {
                throw new LinkageException("configuration: field " + name + ": equivalences are for type name only");
            }
            if (levels.isEmpty()) {
                throw new LinkageException("configuration: field " + name + " needs at least one level");
            }
            if (type != FieldType.NAME && (!leftAlternatives.isEmpty() || !rightAlternatives.isEmpty())) {
                throw new LinkageException("configuration: field " + name
                        + ": several columns on one side are supported for type name only");
            }
        }

        /** A field read from one column on each side. */
        public Field(String name, String leftColumn, String rightColumn, FieldType type, List<String> levels,
                     String dateFormat, boolean termFrequency) {
            this(name, leftColumn, rightColumn, type, levels, dateFormat, termFrequency, List.of(), List.of());
        }

        /** A field without equivalence tables. */
        public Field(String name, String leftColumn, String rightColumn, FieldType type, List<String> levels,
                     String dateFormat, boolean termFrequency, List<String> leftAlternatives,
                     List<String> rightAlternatives) {
            this(name, leftColumn, rightColumn, type, levels, dateFormat, termFrequency, leftAlternatives, rightAlternatives,
                    List.of());
        }

        /** Every left column of the field, the main one first. */
        public List<String> leftColumns() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(leftColumn), leftAlternatives.stream()).toList();
        }

        /** Every right column of the field, the main one first. */
        public List<String> rightColumns() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(rightColumn), rightAlternatives.stream()).toList();
        }
    }

    /**
     * A blocking rule: the pair is a candidate when all keys agree. A key is a column name,
     * optionally with a transform after a bar: {@code nom|first:3}, {@code nom|soundex},
     * {@code nom|metaphone}, {@code nom|soundex-fr} (French), {@code date_naissance|year}, {@code date_naissance|yearmonth}.
     */
    public record BlockingRule(String name, List<String> keys) {
        public BlockingRule {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new LinkageException("configuration: blocking rule " + name + " has no key");
            }
            name = name == null || name.isBlank() ? String.join("+", keys) : name;
        }
    }

    /** How scored pairs become links. */
    public enum DecisionMode { THRESHOLD, ONE_TO_ONE, CLUSTER }

    /**
     * Which probability a decision compares with its threshold: the pair's own ({@code pair}:
     * prior times likelihood ratio, as if the pair were alone) or the record-level one
     * ({@code record}: the left record's posterior over its candidates and "no counterpart",
     * docs/linkage.md, Record-level decisions).
     */
    public enum DecisionProbability { PAIR, RECORD }

    /**
     * The decision policy.
     *
     * @param mode threshold, one-to-one assignment, or clusters
     * @param threshold minimum match probability of a link
     * @param maxClusterSize in cluster mode, an edge that would make a larger cluster is refused
     *     (guard against chaining)
     * @param probability the probability compared with the threshold and maximised by the
     *     one-to-one assignment; {@code record} needs two files and a mode other than cluster
     * @param rescue with record-level decisions, look again for the counterpart of the left records
     *     whose candidates probably do not hold it, on pairs of fields agreeing exactly (and swapped
     *     name columns): docs/linkage.md, "Rescue"
     */
    public record Decision(DecisionMode mode, double threshold, int maxClusterSize, DecisionProbability probability,
                           boolean rescue) {
        public Decision {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(probability, "probability");
            if (!(threshold > 0 && threshold < 1)) {
                throw new LinkageException("configuration: decision.threshold must be a probability in (0, 1)");
            }
            if (maxClusterSize < 2) {
                throw new LinkageException("configuration: decision.maxClusterSize must be at least 2");
            }
            if (mode == DecisionMode.CLUSTER && probability == DecisionProbability.RECORD) {
                throw new LinkageException("configuration: decision.probability 'record' does not fit mode cluster "
                        + "(a record may have several links there); use probability: pair");
            }
        }

        /** A decision with the rescue on (it applies to record-level decisions only). */
        public Decision(DecisionMode mode, double threshold, int maxClusterSize, DecisionProbability probability) {
            this(mode, threshold, maxClusterSize, probability, true);
        }

        /** A decision on pairwise probabilities. */
        public Decision(DecisionMode mode, double threshold, int maxClusterSize) {
            this(mode, threshold, maxClusterSize, DecisionProbability.PAIR);
        }

        /** The same decision on another probability. */
        public Decision withProbability(DecisionProbability p) {
            return new Decision(mode, threshold, maxClusterSize, p, rescue);
        }

        /** The same decision with the rescue on or off. */
        public Decision withRescue(boolean on) {
            return new Decision(mode, threshold, maxClusterSize, probability, on);
        }
    }

    /** Where u probabilities come from in scoring. */
    public enum USource { RANDOM, CANDIDATES }

    /**
     * Training settings.
     *
     * @param randomPairs number of random pairs sampled to estimate u
     * @param maxIterations EM iterations at most
     * @param seed random seed (training is deterministic for a seed)
     * @param uSource {@code random}: u from random pairs only; {@code candidates}: EM refines u on
     *     the candidate pairs, starting from the random-pair estimate
     * @param model a model file: loaded when it exists (no training), written after training otherwise
     */
    public record Training(int randomPairs, int maxIterations, long seed, USource uSource, Optional<Path> model) {
        public Training {
            model = model == null ? Optional.empty() : model;
            Objects.requireNonNull(uSource, "uSource");
            if (randomPairs < 1000) {
                throw new LinkageException("configuration: training.randomPairs must be at least 1000");
            }
        }
    }
}

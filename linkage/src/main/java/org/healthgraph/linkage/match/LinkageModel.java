package org.healthgraph.linkage.match;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * A trained Fellegi-Sunter model: per field and comparison level, the probability m of the level
 * among matches and u among non-matches (and the u measured on random pairs), and the prior
 * probability that a candidate pair is a match. A field may have its u given another field's level
 * (a dependence tree among non-matches, fitted on random pairs: docs/linkage.md). Saved as JSON
 * and reusable.
 *
 * @param fields per-field level parameters, in configuration order
 * @param prior prior match probability of a candidate pair
 * @param emIterations iterations the EM used (0 when loaded)
 */
public record LinkageModel(List<FieldModel> fields, double prior, int emIterations) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public LinkageModel {
        fields = List.copyOf(fields);
        if (!(prior > 0 && prior < 1)) {
            throw new LinkageException("model: prior must be in (0, 1)");
        }
    }

    /**
     * One field's levels.
     *
     * @param name the field
     * @param levels its levels, strongest first, {@code else} last; their m is the field's m over
     *     all matches
     * @param given the field whose level this field's u depends on among non-matches, if any
     * @param uGiven when {@code given} is present: for each level of that field (rows, in its
     *     order), u of each level of this field (columns)
     * @param mGiven the field (an exact field of few values, such as the sex) whose value in the
     *     left record this field's m depends on among matches, if any
     * @param mByValue when {@code mGiven} is present: for each of that field's values (normalised,
     *     as compared) m of each level of this field; a left record with another value, or none,
     *     takes the levels' m
     */
    public record FieldModel(String name, List<Level> levels, Optional<String> given, List<List<Double>> uGiven,
                             Optional<String> mGiven, Map<String, List<Double>> mByValue) {
        public FieldModel {
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
            given = given == null ? Optional.empty() : given;
            uGiven = uGiven == null ? List.of() : uGiven.stream().map(List::copyOf).toList();
            mGiven = mGiven == null ? Optional.empty() : mGiven;
            mByValue = mByValue == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mByValue));
            if (given.isPresent() != !uGiven.isEmpty()) {
                throw new LinkageException("model: field " + name + ": 'given' and 'uGiven' go together");
            }
            for (List<Double> row : uGiven) {
                if (row.size() != levels.size()) {
                    throw new LinkageException("model: field " + name + ": each uGiven row needs one u per level");
                }
            }
            if (mGiven.isPresent() != !mByValue.isEmpty()) {
                throw new LinkageException("model: field " + name + ": 'mGiven' and 'mByValue' go together");
            }
            for (List<Double> row : mByValue.values()) {
                if (row.size() != levels.size()) {
                    throw new LinkageException("model: field " + name + ": each mByValue row needs one m per level");
                }
            }
        }

        /** A field whose m depends on no left record's value. */
        public FieldModel(String name, List<Level> levels, Optional<String> given, List<List<Double>> uGiven) {
            this(name, levels, given, uGiven, Optional.empty(), Map.of());
        }

        /** A field whose u does not depend on another field, nor its m on a value. */
        public FieldModel(String name, List<Level> levels) {
            this(name, levels, Optional.empty(), List.of());
        }

        /** The same field with its m given the left record's value of {@code field}. */
        public FieldModel withMByValue(String field, Map<String, List<Double>> byValue) {
            return new FieldModel(name, levels, given, uGiven, Optional.of(field), byValue);
        }
    }

    /**
     * One row of the table of m given a value: m of a level of {@code field} among matches whose
     * left record has {@code value} in {@code given}, and the resulting weight (with the marginal u).
     */
    public record ValueRow(String field, String level, String given, String value, double m, double u, double weight) {
    }

    /**
     * One row of the conditional u table: u of a level of {@code field} among non-matches whose
     * {@code given} field reached {@code givenLevel}, and the resulting weight.
     */
    public record ConditionalRow(String field, String level, String given, String givenLevel, double m, double u,
                                 double weight) {
    }

    /**
     * One comparison level.
     *
     * @param label the level as configured ({@code exact}, {@code jaro-winkler>=0.92}, ..., {@code else})
     * @param m probability of this level among matches
     * @param u probability among non-matches used for scoring
     * @param uRandom probability among random pairs
     */
    public record Level(String label, double m, double u, double uRandom) {
        /** The match weight of the level, {@code log2(m / u)}. */
        public double weight() {
            return log2(m / u);
        }
    }

    /** One row of the m/u table. */
    public record TableRow(String field, String level, double m, double u, double uRandom, double weight) {
    }

    /** The prior as a match weight, {@code log2(prior / (1 - prior))}. */
    public double priorWeight() {
        return log2(prior / (1 - prior));
    }

    /** The m/u table: one row per field and level. */
    public List<TableRow> table() {
        List<TableRow> rows = new ArrayList<>();
        for (FieldModel f : fields) {
            for (Level l : f.levels()) {
                rows.add(new TableRow(f.name(), l.label(), l.m(), l.u(), l.uRandom(), l.weight()));
            }
        }
        return rows;
    }

    /** The conditional u table of the fields that depend on another (empty when none does). */
    public List<ConditionalRow> conditionalTable() {
        List<ConditionalRow> rows = new ArrayList<>();
        int[] parents = parents();
        for (int f = 0; f < fields.size(); f++) {
            FieldModel fm = fields.get(f);
            if (parents[f] < 0) {
                continue;
            }
            FieldModel parent = fields.get(parents[f]);
            for (int b = 0; b < fm.uGiven().size(); b++) {
                for (int l = 0; l < fm.levels().size(); l++) {
                    double u = fm.uGiven().get(b).get(l);
                    double m = fm.levels().get(l).m();
                    rows.add(new ConditionalRow(fm.name(), fm.levels().get(l).label(), parent.name(),
                            parent.levels().get(b).label(), m, u, log2(m / u)));
                }
            }
        }
        return rows;
    }

    /** For each field, the index of the field its u is given, -1 for none. */
    public int[] parents() {
        int[] parents = new int[fields.size()];
        for (int f = 0; f < parents.length; f++) {
            parents[f] = -1;
            String given = fields.get(f).given().orElse(null);
            for (int g = 0; given != null && g < fields.size(); g++) {
                if (fields.get(g).name().equals(given)) {
                    parents[f] = g;
                }
            }
            if (given != null && (parents[f] < 0 || parents[f] == f
                    || fields.get(f).uGiven().size() != fields.get(parents[f]).levels().size())) {
                throw new LinkageException("model: field " + fields.get(f).name() + " is given a field that does not fit it");
            }
        }
        return parents;
    }

    /**
     * Weights for scoring, per field, row and level: row 0 holds {@code log2(m/u)} with the
     * marginal u (the field depends on no other, or that field's value is missing), row b + 1
     * {@code log2(m/u)} with u given level b of the field it depends on.
     */
    public double[][][] conditionalWeights() {
        double[][][] w = new double[fields.size()][][];
        for (int f = 0; f < w.length; f++) {
            w[f] = conditionalWeights(f, fields.get(f).levels().stream().mapToDouble(Level::m).toArray());
        }
        return w;
    }

    /** {@link #conditionalWeights()} of field {@code f} with m per level {@code m} (one of its {@code mByValue} rows, say). */
    public double[][] conditionalWeights(int f, double[] m) {
        FieldModel fm = fields.get(f);
        double[][] w = new double[1 + fm.uGiven().size()][fm.levels().size()];
        for (int l = 0; l < m.length; l++) {
            w[0][l] = log2(m[l] / fm.levels().get(l).u());
        }
        for (int b = 0; b < fm.uGiven().size(); b++) {
            for (int l = 0; l < m.length; l++) {
                w[b + 1][l] = log2(m[l] / fm.uGiven().get(b).get(l));
            }
        }
        return w;
    }

    /** The table of m given a left record's value, for the fields whose m depends on one (empty when none does). */
    public List<ValueRow> valueTable() {
        List<ValueRow> rows = new ArrayList<>();
        for (FieldModel fm : fields) {
            fm.mByValue().forEach((value, m) -> {
                for (int l = 0; l < fm.levels().size(); l++) {
                    double u = fm.levels().get(l).u();
                    rows.add(new ValueRow(fm.name(), fm.levels().get(l).label(), fm.mGiven().orElseThrow(), value, m.get(l), u,
                            log2(m.get(l) / u)));
                }
            });
        }
        return rows;
    }

    /** For each field, the index of the field whose left value its m is given, -1 for none. */
    public int[] mParents() {
        int[] parents = new int[fields.size()];
        for (int f = 0; f < parents.length; f++) {
            parents[f] = -1;
            String given = fields.get(f).mGiven().orElse(null);
            for (int g = 0; given != null && g < fields.size(); g++) {
                if (fields.get(g).name().equals(given)) {
                    parents[f] = g;
                }
            }
            if (given != null && (parents[f] < 0 || parents[f] == f)) {
                throw new LinkageException("model: field " + fields.get(f).name() + ": its m is given a field that does not fit it");
            }
        }
        return parents;
    }

    /** Weights per field and level with marginal u's. */
    public double[][] weights() {
        double[][] w = new double[fields.size()][];
        for (int f = 0; f < w.length; f++) {
            List<Level> levels = fields.get(f).levels();
            w[f] = new double[levels.size()];
            for (int l = 0; l < w[f].length; l++) {
                w[f][l] = levels.get(l).weight();
            }
        }
        return w;
    }

    /** Converts a match weight into a probability. */
    public static double probability(double weight) {
        return 1 / (1 + Math.pow(2, -weight));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Writes the model as JSON. */
    public void save(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException | JacksonException e) {
            throw new LinkageException("model file " + file + ": cannot be written", e);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static LinkageModel load(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new LinkageException("model file " + file.getFileName() + ": not a linkage model", e);
        }
    }

    /** The model as the JSON text {@link #save} writes (every number as it is: a model read back scores the same). */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /**
     * Reads a model from the JSON text of {@link #toJson}.
     *
     * @throws JacksonException when the text is not a linkage model
     */
    public static LinkageModel fromJson(String json) {
        return JSON.readValue(json, LinkageModel.class);
    }

    /** Checks that the model fits a configuration's fields and levels. */
    void requireFits(List<LinkageConfig.Field> configured) {
        boolean fits = configured.size() == fields.size();
        for (int f = 0; fits && f < fields.size(); f++) {
            fits = configured.get(f).name().equals(fields.get(f).name())
                    && configured.get(f).levels().size() + 1 == fields.get(f).levels().size();
        }
        if (fits) {
            parents();
            mParents();
        }
        if (!fits) {
            throw new LinkageException("model: its fields and levels differ from the configuration's; retrain or remove the model file");
        }
    }
}

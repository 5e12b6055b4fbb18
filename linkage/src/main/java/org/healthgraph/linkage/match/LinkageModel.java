package org.healthgraph.linkage.match;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * A trained Fellegi-Sunter model: per field and comparison level, the probability m of the level
 * among matches and u among non-matches (and the u measured on random pairs), and the prior
 * probability that a candidate pair is a match. Saved as JSON and reusable.
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

    /** One field's levels. */
    public record FieldModel(String name, List<Level> levels) {
        public FieldModel {
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
        }
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

    /** Weights per field and level, for scoring. */
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
            Files.writeString(file, JSON.writeValueAsString(this));
        } catch (IOException | JacksonException e) {
            throw new LinkageException("model file " + file + ": cannot be written", e);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static LinkageModel load(Path file) {
        try {
            return JSON.readValue(Files.readString(file), LinkageModel.class);
        } catch (IOException | JacksonException e) {
            throw new LinkageException("model file " + file.getFileName() + ": not a linkage model", e);
        }
    }

    /** Checks that the model fits a configuration's fields and levels. */
    void requireFits(List<LinkageConfig.Field> configured) {
        boolean fits = configured.size() == fields.size();
        for (int f = 0; fits && f < fields.size(); f++) {
            fits = configured.get(f).name().equals(fields.get(f).name())
                    && configured.get(f).levels().size() + 1 == fields.get(f).levels().size();
        }
        if (!fits) {
            throw new LinkageException("model: its fields and levels differ from the configuration's; retrain or remove the model file");
        }
    }
}

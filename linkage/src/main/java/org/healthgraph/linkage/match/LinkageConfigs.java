package org.healthgraph.linkage.match;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.healthgraph.linkage.match.LinkageConfig.BlockingRule;
import org.healthgraph.linkage.match.LinkageConfig.Decision;
import org.healthgraph.linkage.match.LinkageConfig.DecisionMode;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageConfig.Field;
import org.healthgraph.linkage.match.LinkageConfig.FieldType;
import org.healthgraph.linkage.match.LinkageConfig.Input;
import org.healthgraph.linkage.match.LinkageConfig.Training;
import org.healthgraph.linkage.match.LinkageConfig.USource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads linkage configurations from YAML ({@code .yaml}, {@code .yml}) or JSON files. */
public final class LinkageConfigs {

    /** Default upper bound of candidate pairs per blocking rule. */
    public static final long DEFAULT_MAX_PAIRS_PER_RULE = 200_000_000L;

    private static final Set<String> TOP_LEVEL =
            Set.of("left", "right", "fields", "blocking", "decision", "training", "maxPairsPerRule", "threads",
                    "direct");

    private static final Set<String> FIELD_KEYS = Set.of("name", "column", "leftColumn", "rightColumn", "type", "levels",
            "format", "termFrequency", "equivalences");
    private static final Set<String> DECISION_KEYS = Set.of("mode", "threshold", "maxClusterSize", "probability", "rescue");

    private LinkageConfigs() {
    }

    /** Reads and validates a configuration; relative input and model paths resolve against its folder. */
    public static LinkageConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new JsonMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new LinkageException("configuration " + file.getFileName() + ": not valid "
                    + (mapper instanceof YAMLMapper ? "YAML" : "JSON") + where(e) + " (" + shortQuotes(firstLine(e.getOriginalMessage())) + ")");
        } catch (java.io.IOException e) {
            throw new LinkageException("configuration " + file + ": cannot be read", e);
        }
        Path base = file.toAbsolutePath().getParent();
        try {
            return parse(root, base, file.getFileName().toString());
        } catch (JacksonException e) {
            // A value read as a text or a number that is a list or an object ({"within-": "s:31"} in a
            // YAML list of levels): found by the fuzzer, it escaped as Jackson's own exception.
            throw new LinkageException("configuration " + file.getFileName() + ": a value is a list or an object where a"
                    + " text or a number is expected");
        }
    }

    static LinkageConfig parse(JsonNode root, Path base, String where) {
        if (root == null || !root.isObject()) {
            throw new LinkageException("configuration " + where + ": expected an object at the top level");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new LinkageException("configuration " + where + ": unknown key " + quoted(key) + "; expected one of " + TOP_LEVEL);
            }
        }
        Input left = input(required(root, "left", where), base, where + " left");
        Optional<Input> right = root.has("right") ? Optional.of(input(root.get("right"), base, where + " right")) : Optional.empty();
        Optional<LinkageConfig.Direct> direct = root.has("direct") ? Optional.of(direct(root.get("direct"), where)) : Optional.empty();
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : direct.isPresent() ? root.path("fields") : required(root, "fields", where)) {
            fields.add(field(f, base, where));
        }
        List<BlockingRule> rules = new ArrayList<>();
        for (JsonNode r : direct.isPresent() ? root.path("blocking") : required(root, "blocking", where)) {
            if (r.isArray()) {
                rules.add(new BlockingRule(null, strings(r)));
            } else {
                rules.add(new BlockingRule(r.path("name").asString(null), strings(required(r, "keys", where + " blocking"))));
            }
        }
        Decision decision = decision(root.path("decision"), right.isPresent(), where);
        JsonNode t = root.path("training");
        Optional<Path> model = t.has("model") ? Optional.of(base.resolve(t.get("model").asString())) : Optional.empty();
        Training training = new Training(t.path("randomPairs").asInt(1_000_000), t.path("maxIterations").asInt(100),
                t.path("seed").asLong(42), USource.valueOf(t.path("u").asString("random").toUpperCase(Locale.ROOT)), model);
        int cpus = Runtime.getRuntime().availableProcessors();
        return new LinkageConfig(left, right, fields, rules, decision, training,
                root.path("maxPairsPerRule").asLong(DEFAULT_MAX_PAIRS_PER_RULE),
                Math.min(cpus, root.path("threads").asInt(cpus)), direct);
    }

    /**
     * The decision; its probability defaults to {@code record} when two files are linked one to one
     * or by threshold, to {@code pair} otherwise (deduplication, clusters).
     */
    private static Decision decision(JsonNode d, boolean twoFiles, String where) {
        for (String key : d.propertyNames()) {
            if (!DECISION_KEYS.contains(key)) {
                throw new LinkageException("configuration " + where + " decision: unknown key " + quoted(key) + "; expected one of "
                        + DECISION_KEYS);
            }
        }
        DecisionMode mode = enumValue(DecisionMode.class, d.path("mode").asString("threshold"), where + " decision.mode");
        DecisionProbability defaultProbability = twoFiles && mode != DecisionMode.CLUSTER
                ? DecisionProbability.RECORD : DecisionProbability.PAIR;
        DecisionProbability probability = d.has("probability")
                ? enumValue(DecisionProbability.class, d.get("probability").asString(), where + " decision.probability")
                : defaultProbability;
        JsonNode rescue = d.path("rescue");
        if (!rescue.isMissingNode() && !rescue.isBoolean()) {
            throw new LinkageException("configuration " + where + " decision.rescue: expected true or false");
        }
        return new Decision(mode, d.path("threshold").asDouble(0.5), d.path("maxClusterSize").asInt(20), probability,
                rescue.asBoolean(true));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            throw new LinkageException("configuration " + where + ": " + quoted(text) + " is not one of " + names);
        }
    }

    private static LinkageConfig.Direct direct(JsonNode d, String where) {
        for (String key : d.propertyNames()) {
            if (!Set.of("column", "leftColumn", "rightColumn").contains(key)) {
                throw new LinkageException("configuration " + where + " direct: unknown key " + quoted(key)
                        + "; expected column, or leftColumn and rightColumn");
            }
        }
        String column = d.path("column").asString(null);
        return new LinkageConfig.Direct(d.path("leftColumn").asString(column), d.path("rightColumn").asString(column));
    }

    private static Input input(JsonNode node, Path base, String where) {
        String path = required(node, "path", where).asString();
        String sep = node.path("delimiter").asString(",");
        if (sep.length() != 1) {
            throw new LinkageException("configuration " + where + ": delimiter must be one character");
        }
        return new Input(base.resolve(path), required(node, "id", where).asString(), sep.charAt(0));
    }

    private static Field field(JsonNode f, Path base, String where) {
        String name = required(f, "name", where + " fields").asString();
        List<String> column = f.has("column") ? strings(f.get("column")) : List.of(name);
        FieldType type = FieldType.parse(f.path("type").asString("exact"), name);
        List<String> levels = f.has("levels") ? strings(f.get("levels")) : List.of("exact");
        // a column may be a list: the first is the main column, the others alternatives (name fields)
        List<String> leftColumns = f.has("leftColumn") ? strings(f.get("leftColumn")) : column;
        List<String> rightColumns = f.has("rightColumn") ? strings(f.get("rightColumn")) : column;
        if (leftColumns.isEmpty() || rightColumns.isEmpty()) {
            throw new LinkageException("configuration " + where + ": field " + cut(name) + " has an empty column list");
        }
        for (String key : f.propertyNames()) {
            if (!FIELD_KEYS.contains(key)) {
                throw new LinkageException("configuration " + where + ": field " + cut(name) + ": unknown key " + quoted(key)
                        + "; expected one of " + FIELD_KEYS);
            }
        }
        List<String> equivalences = new ArrayList<>();
        if (f.has("equivalences")) {
            for (String source : strings(f.get("equivalences"))) {
                // the built-in table by name, a file relative to the configuration's folder otherwise
                equivalences.add(source.startsWith("builtin:") ? source : base.resolve(source).toString());
            }
        }
        return new Field(name, leftColumns.getFirst(), rightColumns.getFirst(), type, levels,
                f.path("format").asString("yyyy-MM-dd"), f.path("termFrequency").asBoolean(false),
                leftColumns.subList(1, leftColumns.size()), rightColumns.subList(1, rightColumns.size()), equivalences);
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new LinkageException("configuration " + where + ": missing required key '" + key + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asString()));
        } else {
            out.add(array.asString());
        }
        return out;
    }

    /** Longest part of a value of the file a message repeats (a key, a name): enough to find it, never a whole text. */
    static final int QUOTED = 40;

    /** {@code value} in quotes, as {@link #cut}. */
    static String quoted(String value) {
        return "'" + cut(value) + "'";
    }

    /** {@code value} cut to {@value #QUOTED} characters, control characters shown as '?'. */
    static String cut(String value) {
        String shown = value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "... (" + value.length() + " characters)";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** ", line L, column C" of a parse error, when the parser knows it. */
    private static String where(JacksonException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * The parser's reason without what follows it: SnakeYAML adds the offending line of the file and a
     * caret under it, which would echo the file's content (found by the fuzzer).
     */
    static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        int in = first.indexOf(" in 'reader'");
        return (in < 0 ? first : first.substring(0, in)).strip();
    }

    /** A parser's message with each quoted token of the input cut as {@link #quoted} does. */
    static String shortQuotes(String message) {
        if (message == null) {
            return "no detail";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|\"([^\"]*)\"").matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(quoted(token)));
        }
        m.appendTail(out);
        String shown = out.toString();
        return shown.length() <= 4 * QUOTED ? shown : shown.substring(0, 4 * QUOTED) + "...";
    }
}

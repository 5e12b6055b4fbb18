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
            Set.of("left", "right", "fields", "blocking", "decision", "training", "maxPairsPerRule", "threads");

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
                    + (mapper instanceof YAMLMapper ? "YAML" : "JSON") + " (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw new LinkageException("configuration " + file + ": cannot be read", e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base, file.getFileName().toString());
    }

    static LinkageConfig parse(JsonNode root, Path base, String where) {
        if (root == null || !root.isObject()) {
            throw new LinkageException("configuration " + where + ": expected an object at the top level");
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new LinkageException("configuration " + where + ": unknown key '" + key + "'; expected one of " + TOP_LEVEL);
            }
        }
        Input left = input(required(root, "left", where), base, where + " left");
        Optional<Input> right = root.has("right") ? Optional.of(input(root.get("right"), base, where + " right")) : Optional.empty();
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : required(root, "fields", where)) {
            fields.add(field(f, where));
        }
        List<BlockingRule> rules = new ArrayList<>();
        for (JsonNode r : required(root, "blocking", where)) {
            if (r.isArray()) {
                rules.add(new BlockingRule(null, strings(r)));
            } else {
                rules.add(new BlockingRule(r.path("name").asString(null), strings(required(r, "keys", where + " blocking"))));
            }
        }
        JsonNode d = root.path("decision");
        Decision decision = new Decision(
                DecisionMode.valueOf(d.path("mode").asString("threshold").toUpperCase(Locale.ROOT).replace('-', '_')),
                d.path("threshold").asDouble(0.5), d.path("maxClusterSize").asInt(20));
        JsonNode t = root.path("training");
        Optional<Path> model = t.has("model") ? Optional.of(base.resolve(t.get("model").asString())) : Optional.empty();
        Training training = new Training(t.path("randomPairs").asInt(1_000_000), t.path("maxIterations").asInt(100),
                t.path("seed").asLong(42), USource.valueOf(t.path("u").asString("random").toUpperCase(Locale.ROOT)), model);
        int cpus = Runtime.getRuntime().availableProcessors();
        return new LinkageConfig(left, right, fields, rules, decision, training,
                root.path("maxPairsPerRule").asLong(DEFAULT_MAX_PAIRS_PER_RULE),
                Math.min(cpus, root.path("threads").asInt(cpus)));
    }

    private static Input input(JsonNode node, Path base, String where) {
        String path = required(node, "path", where).asString();
        String sep = node.path("delimiter").asString(",");
        if (sep.length() != 1) {
            throw new LinkageException("configuration " + where + ": delimiter must be one character");
        }
        return new Input(base.resolve(path), required(node, "id", where).asString(), sep.charAt(0));
    }

    private static Field field(JsonNode f, String where) {
        String name = required(f, "name", where + " fields").asString();
        List<String> column = f.has("column") ? strings(f.get("column")) : List.of(name);
        FieldType type = FieldType.parse(f.path("type").asString("exact"), name);
        List<String> levels = f.has("levels") ? strings(f.get("levels")) : List.of("exact");
        // a column may be a list: the first is the main column, the others alternatives (name fields)
        List<String> leftColumns = f.has("leftColumn") ? strings(f.get("leftColumn")) : column;
        List<String> rightColumns = f.has("rightColumn") ? strings(f.get("rightColumn")) : column;
        if (leftColumns.isEmpty() || rightColumns.isEmpty()) {
            throw new LinkageException("configuration " + where + ": field " + name + " has an empty column list");
        }
        return new Field(name, leftColumns.getFirst(), rightColumns.getFirst(), type, levels,
                f.path("format").asString("yyyy-MM-dd"), f.path("termFrequency").asBoolean(false),
                leftColumns.subList(1, leftColumns.size()), rightColumns.subList(1, rightColumns.size()));
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
}

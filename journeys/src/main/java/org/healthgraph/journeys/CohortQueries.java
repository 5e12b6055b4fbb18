package org.healthgraph.journeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one format of a cohort query as JSON, shared by the GraphQL API, {@code healthgraph cohort
 * --query}, the web page and saved definitions: exactly the shape of the GraphQL input
 * {@code CohortQuery} (same field names and nesting, lists where GraphQL has lists, enums by their
 * GraphQL names) plus a top-level {@code "version"} ({@value #VERSION}; absent: an unversioned
 * query, read in the oldest shape). Its JSON Schema is generated from the GraphQL input types
 * (docs/trajectories.md, Format).
 *
 * <p>Older shapes are migrated on read with a warning the caller shows: an unversioned query may
 * give {@code pathways.categories} as a map name -> event (the shape this reader took before
 * version 1). Values the GraphQL input would refuse (a number written as a string, a fraction for a
 * whole number, an unknown field) are refused, naming the field and the rule.
 */
public final class CohortQueries {

    /** The current version of the format, written by {@link #toJson}. */
    public static final int VERSION = 1;

    /** The top-level field that holds the version; not a field of the GraphQL input. */
    public static final String VERSION_FIELD = "version";

    /**
     * A query as read, with what the reader did to an older shape (each warning names the field and
     * what it was read as), for the caller to show: the command line prints them on stderr.
     */
    public record Read(CohortQuery query, List<String> warnings) {
        public Read {
            Objects.requireNonNull(query, "query");
            warnings = List.copyOf(warnings);
        }
    }

    /** A pathway category as the GraphQL input {@code PathwayCategoryInput} has it. */
    record Category(String name, EventCriterion event) {
        Category {
            if (name == null || name.isBlank()) {
                throw new InvalidQueryException("a pathway category needs a 'name'");
            }
            if (event == null) {
                throw new InvalidQueryException("pathway category '" + cut(name) + "' needs an 'event'");
            }
        }
    }

    /** Pathways as the GraphQL input {@code PathwaySpecInput} has them: categories as a list. */
    record PathwaysInput(List<Category> categories, Integer depth, Integer combinationDays, Boolean collapseRepeats,
                         Integer maxDaysAfter) {

        PathwaySpec spec() {
            if (categories == null || categories.isEmpty()) {
                throw new InvalidQueryException("pathways need at least one category in 'categories'");
            }
            Map<String, EventCriterion> byName = new LinkedHashMap<>();
            for (Category c : categories) {
                if (byName.put(c.name(), c.event()) != null) {
                    throw new InvalidQueryException("categories: the name '" + cut(c.name()) + "' is used twice");
                }
            }
            return new PathwaySpec(byName, depth == null ? 0 : depth, combinationDays == null ? 0 : combinationDays,
                    collapseRepeats != null && collapseRepeats, maxDaysAfter == null ? 0 : maxDaysAfter);
        }

        static PathwaysInput of(PathwaySpec spec) {
            return new PathwaysInput(spec.names().stream().map(n -> new Category(n, spec.categories().get(n))).toList(),
                    spec.depth(), spec.combinationDays(), spec.collapseRepeats(), spec.maxDaysAfter());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // as strict as the GraphQL input: "30" is not an Int, 1.5 is not a whole number of days
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            // the records' components only: Condition.isGroup() is not a field of the format
            .changeDefaultVisibility(v -> v.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            .addModule(new SimpleModule("cohort-query-format")
                    .addDeserializer(PathwaySpec.class, new ValueDeserializer<>() {
                        @Override
                        public PathwaySpec deserialize(JsonParser p, DeserializationContext ctxt) {
                            return ctxt.readValue(p, PathwaysInput.class).spec();
                        }
                    })
                    .addSerializer(PathwaySpec.class, new ValueSerializer<>() {
                        @Override
                        public void serialize(PathwaySpec value, JsonGenerator gen, SerializationContext ctxt) {
                            ctxt.writeValue(gen, PathwaysInput.of(value));
                        }
                    }))
            .build();

    private CohortQueries() {
    }

    /** Parses a query (in the current format or an older shape, migrated), failing with a message naming the field and the rule. */
    public static CohortQuery parse(String json) {
        return read(json).query();
    }

    /** Reads a query and says what was migrated from an older shape. */
    public static Read read(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JacksonException e) {
            throw invalid(e);
        }
        if (!(tree instanceof ObjectNode query)) {
            throw new InvalidQueryException("a cohort query is a JSON object, found " + kind(tree) + " at the top level");
        }
        List<String> warnings = new ArrayList<>();
        int version = version(query);
        if (version < VERSION) {
            migrateUnversioned(query, warnings);
        } else {
            refuseOlderShapes(query);
        }
        return new Read(bind(query), warnings);
    }

    /**
     * Converts a query given as nested maps and lists (the GraphQL input), in the current format
     * without its version (the API's input is always the current shape).
     */
    public static CohortQuery fromMap(Map<String, Object> query) {
        ObjectNode tree = JSON.valueToTree(query);
        if (tree.has(VERSION_FIELD)) {
            version(tree);
        }
        refuseOlderShapes(tree);
        return bind(tree);
    }

    /** Reads a query from a JSON file; a message names the file. */
    public static Read read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidQueryException("cannot read cohort query file " + file + ": " + e.getMessage());
        }
        try {
            return read(text);
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException(file + ": " + e.getMessage());
        }
    }

    /** The query in the current format, with its version first: what files, the web page and the audit trail hold. */
    public static String toJson(CohortQuery query) {
        ObjectNode out = JSON.createObjectNode();
        out.put(VERSION_FIELD, VERSION);
        out.setAll((ObjectNode) JSON.valueToTree(query));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    /** Reads and removes the version: absent is 0 (unversioned), else an integer from 1 to {@value #VERSION}. */
    private static int version(ObjectNode query) {
        JsonNode v = query.remove(VERSION_FIELD);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw new InvalidQueryException(VERSION_FIELD + ": the format version is a whole number (the current one is "
                    + VERSION + "), found " + kind(v));
        }
        if (v.asInt() > VERSION) {
            throw new InvalidQueryException(VERSION_FIELD + ": " + v.asInt() + " is newer than the formats this healthgraph"
                    + " reads (1 to " + VERSION + "); run a newer healthgraph or write the query in version " + VERSION);
        }
        return v.asInt();
    }

    /** The unversioned shape: pathway categories as a map name -> event are turned into the list of version 1. */
    private static void migrateUnversioned(ObjectNode query, List<String> warnings) {
        if (query.get("pathways") instanceof ObjectNode pathways && pathways.get("categories") instanceof ObjectNode byName) {
            ArrayNode list = JSON.createArrayNode();
            byName.properties().forEach(e -> list.addObject().put("name", e.getKey()).set("event", e.getValue()));
            pathways.set("categories", list);
            warnings.add("pathways.categories: a map name -> event (the shape before format version " + VERSION
                    + ") was read as the list [{\"name\": ..., \"event\": ...}] of version " + VERSION
                    + "; write the query in version " + VERSION + " (docs/trajectories.md, Format)");
        }
    }

    /** A versioned query is in the current shape: an older shape inside it is refused, naming the field. */
    private static void refuseOlderShapes(ObjectNode query) {
        if (query.get("pathways") instanceof ObjectNode pathways && pathways.get("categories") instanceof ObjectNode) {
            throw new InvalidQueryException("pathways.categories: a list of categories [{\"name\": ..., \"event\": ...}]"
                    + " in format version " + VERSION + ", found a map name -> event (the unversioned shape; leave out"
                    + " 'version' to have it migrated, or write the list)");
        }
    }

    private static CohortQuery bind(ObjectNode query) {
        try {
            return JSON.treeToValue(query, CohortQuery.class);
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    private static InvalidQueryException invalid(JacksonException e) {
        String where = path(e);
        Throwable cause = e.getCause();
        if (cause instanceof InvalidQueryException iq) {
            return where.isEmpty() ? iq : new InvalidQueryException(where + ": " + iq.getMessage());
        }
        if (cause instanceof NullPointerException npe && npe.getMessage() != null) {
            // a required field left out (the records' checks name it)
            return new InvalidQueryException((where.isEmpty() ? "" : where + ": ") + npe.getMessage());
        }
        if (where.isEmpty() && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where = "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return new InvalidQueryException((where.isEmpty() ? "the top level" : where) + ": " + reason(e));
    }

    /** Longest part of the query a message repeats (a field name, a token). */
    private static final int QUOTED = 40;

    /**
     * The parser's reason without what it would echo: the query's tokens cut to {@value #QUOTED}
     * characters and no Java class names (Jackson's messages quote the input whole and name classes).
     */
    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field " + quoted(u.getPropertyName()) + "; allowed: " + allowed(u);
        }
        String message = e.getOriginalMessage() == null ? "not a valid query" : e.getOriginalMessage();
        message = message.replaceAll("\\(class [^)]*\\)", "").replaceAll("\\b(?:[a-z_][\\w]*\\.)+([A-Z][\\w$]*)", "$1")
                .replace("CohortQueries$", "");
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|`([^`]*)`").matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(quoted(token)));
        }
        m.appendTail(out);
        String shown = out.toString();
        return shown.length() <= 4 * QUOTED ? shown : shown.substring(0, 4 * QUOTED) + "...";
    }

    /** The fields allowed where an unknown one was found, the version too at the top level. */
    private static String allowed(UnrecognizedPropertyException u) {
        List<String> names = new ArrayList<>();
        if (u.getPath().size() <= 1) {
            names.add(VERSION_FIELD);
        }
        if (u.getKnownPropertyIds() != null) {
            u.getKnownPropertyIds().forEach(id -> names.add(String.valueOf(id)));
        }
        return String.join(", ", names);
    }

    /** Where in the query: its field names and list positions ({@code index.event.codes[0]}), each cut; empty at the top. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        List<JacksonException.Reference> references = e.getPath();
        if (e instanceof UnrecognizedPropertyException && !references.isEmpty()) {
            references = references.subList(0, references.size() - 1); // the unknown field, named in the reason
        }
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(cut(r.getPropertyName()));
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                .replace("pojo", "a value").replace("binary", "bytes");
    }

    private static String quoted(String value) {
        return "'" + cut(value == null ? "" : value) + "'";
    }

    private static String cut(String value) {
        String shown = value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "... (" + value.length() + " characters)";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}

package org.healthgraph.graphql.jsonschema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (draft 2020-12) of a GraphQL input type from the API's parsed
 * {@code .graphqls} files: input objects become closed objects ({@code additionalProperties: false})
 * whose non-null fields are required, lists arrays, enums their names, the built-in scalars JSON
 * types (Int a 32-bit integer), nullable fields also accept {@code null}, and every description is
 * kept. Each input object and enum reached is one entry of {@code $defs}.
 */
public final class InputJsonSchema {

    /** The address the application serves the cohort query format's schema at (READER). */
    public static final String COHORT_QUERY_PATH = "/schemas/cohort-query.schema.json";

    /** The version of the cohort query format this schema describes (journeys' {@code CohortQueries.VERSION}). */
    private static final int COHORT_QUERY_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TypeDefinitionRegistry registry;
    private final Map<String, ObjectNode> defs = new TreeMap<>();

    private InputJsonSchema(TypeDefinitionRegistry registry) {
        this.registry = registry;
    }

    /** The API's schema files (every {@code graphql/**}{@code /*.graphqls} of the class path), parsed. */
    public static TypeDefinitionRegistry apiTypes() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/**/*.graphqls");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                registry.merge(parser.parse(file.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }

    /**
     * The cohort query format: the input {@code CohortQuery} plus a top-level {@code version}, as
     * pretty-printed JSON ending with a new line (the text served and checked in).
     */
    public static String cohortQuery() {
        return cohortQuery(apiTypes());
    }

    static String cohortQuery(TypeDefinitionRegistry registry) {
        ObjectNode version = NODES.objectNode();
        version.put("description", "The version of the format: " + COHORT_QUERY_VERSION + ". Absent: an unversioned"
                + " query, read in the oldest shape (pathways.categories may then be a map name -> event, migrated"
                + " with a warning). Not a field of the GraphQL input: leave it out of a GraphQL variable.");
        version.put("type", "integer");
        version.put("const", COHORT_QUERY_VERSION);
        ObjectNode schema = of(registry, "CohortQuery", "urn:healthgraph:schema:cohort-query:" + COHORT_QUERY_VERSION,
                "Cohort query", Map.of("version", version));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
    }

    /**
     * The schema of the input {@code root}, with {@code extra} properties added first at the top
     * level (optional ones, such as a file format's version).
     */
    public static ObjectNode of(TypeDefinitionRegistry registry, String root, String id, String title,
                                Map<String, ObjectNode> extra) {
        InputJsonSchema generator = new InputJsonSchema(registry);
        ObjectNode body = generator.inputObject(generator.input(root), extra);
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", title);
        schema.setAll(body);
        ObjectNode defs = schema.putObject("$defs");
        generator.defs.forEach(defs::set);
        return schema;
    }

    private InputObjectTypeDefinition input(String name) {
        InputObjectTypeDefinition type = registry.getTypeOrNull(name, InputObjectTypeDefinition.class);
        if (type == null) {
            throw new IllegalArgumentException("no input type " + name + " in the schema");
        }
        return type;
    }

    private ObjectNode inputObject(InputObjectTypeDefinition type, Map<String, ObjectNode> extra) {
        ObjectNode out = NODES.objectNode();
        description(out, type.getDescription());
        out.put("type", "object");
        ObjectNode properties = out.putObject("properties");
        extra.forEach(properties::set);
        List<String> required = new ArrayList<>();
        for (InputValueDefinition field : type.getInputValueDefinitions()) {
            ObjectNode property = type(field.getType());
            ObjectNode described = NODES.objectNode();
            description(described, field.getDescription());
            described.setAll(property);
            properties.set(field.getName(), described);
            if (field.getType() instanceof NonNullType) {
                required.add(field.getName());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = out.putArray("required");
            required.forEach(list::add);
        }
        out.put("additionalProperties", false);
        return out;
    }

    /** A field's type: non-null as is, nullable also accepting {@code null}. */
    private ObjectNode type(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return nonNullType(nonNull.getType());
        }
        ObjectNode schema = nonNullType(type);
        ObjectNode out = NODES.objectNode();
        ArrayNode anyOf = out.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return out;
    }

    private ObjectNode nonNullType(Type<?> type) {
        if (type instanceof ListType list) {
            ObjectNode out = NODES.objectNode();
            out.put("type", "array");
            out.set("items", type(list.getType()));
            return out;
        }
        String name = ((TypeName) type).getName();
        ObjectNode out = NODES.objectNode();
        switch (name) {
            case "Int" -> out.put("type", "integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
            case "Float" -> out.put("type", "number");
            case "String", "ID" -> out.put("type", "string");
            case "Boolean" -> out.put("type", "boolean");
            default -> out.put("$ref", "#/$defs/" + definition(name));
        }
        return out;
    }

    /** Adds the input object or enum {@code name} to {@code $defs} (once) and returns its name there. */
    private String definition(String name) {
        if (defs.containsKey(name)) {
            return name;
        }
        TypeDefinition<?> type = registry.getTypeOrNull(name);
        if (type == null) {
            throw new IllegalArgumentException("no type " + name + " in the schema");
        }
        defs.put(name, NODES.objectNode()); // a placeholder, so that a recursive input (ConditionInput) stops here
        ObjectNode schema = switch (type) {
            case InputObjectTypeDefinition input -> inputObject(input, Map.of());
            case EnumTypeDefinition e -> enumeration(e);
            default -> throw new IllegalArgumentException(name + " is neither an input object nor an enum (a custom"
                    + " scalar has no JSON Schema here)");
        };
        defs.put(name, schema);
        return name;
    }

    private static ObjectNode enumeration(EnumTypeDefinition type) {
        ObjectNode out = NODES.objectNode();
        StringBuilder text = new StringBuilder(type.getDescription() == null ? "" : type.getDescription().getContent());
        for (EnumValueDefinition value : type.getEnumValueDefinitions()) {
            if (value.getDescription() != null) {
                text.append(text.isEmpty() ? "" : "\n").append(value.getName()).append(": ").append(value.getDescription().getContent());
            }
        }
        if (!text.isEmpty()) {
            out.put("description", text.toString());
        }
        out.put("type", "string");
        ArrayNode values = out.putArray("enum");
        type.getEnumValueDefinitions().forEach(v -> values.add(v.getName()));
        return out;
    }

    private static void description(ObjectNode out, Description description) {
        if (description != null && !description.getContent().isBlank()) {
            out.put("description", description.getContent());
        }
    }
}

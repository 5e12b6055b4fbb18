package org.healthgraph.journeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes cohort queries as JSON (the format of {@code healthgraph cohort --query file.json}). */
public final class CohortQueries {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CohortQueries() {
    }

    /** Parses a query, failing with an {@link InvalidQueryException} that names the field and the rule. */
    public static CohortQuery parse(String json) {
        try {
            return JSON.readValue(json, CohortQuery.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidQueryException iq) {
                throw iq;
            }
            throw new InvalidQueryException("invalid cohort query: " + e.getOriginalMessage()
                    + " at " + e.getPathReference());
        }
    }

    /** Converts a query given as nested maps and lists (a GraphQL input, say), with the same checks as {@link #parse}. */
    public static CohortQuery fromMap(java.util.Map<String, Object> query) {
        return parse(JSON.writeValueAsString(query));
    }

    /** Reads a query from a JSON file. */
    public static CohortQuery read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidQueryException("cannot read cohort query file " + file + ": " + e.getMessage());
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException(file + ": " + e.getMessage());
        }
    }

    /** The query as JSON. */
    public static String toJson(CohortQuery query) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(query);
    }
}

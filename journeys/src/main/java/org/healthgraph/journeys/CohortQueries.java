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
            throw new InvalidQueryException("invalid cohort query: " + reason(e) + " at " + path(e));
        }
    }

    /** Longest part of the query a message repeats (a field name, a token). */
    private static final int QUOTED = 40;

    /**
     * The parser's reason without what it would echo: the query's tokens cut to {@value #QUOTED}
     * characters and no Java class names (Jackson's messages quote the input whole and name classes).
     */
    private static String reason(JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field " + quoted(u.getPropertyName());
        }
        String message = e.getOriginalMessage() == null ? "not a valid query" : e.getOriginalMessage();
        message = message.replaceAll("\\(class [^)]*\\)", "").replaceAll("\\b(?:[a-z_][\\w]*\\.)+([A-Z][\\w$]*)", "$1");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|\"([^\"]*)\"|`([^`]*)`").matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(quoted(token)));
        }
        m.appendTail(out);
        String shown = out.toString();
        return shown.length() <= 4 * QUOTED ? shown : shown.substring(0, 4 * QUOTED) + "...";
    }

    /** Where in the query: its field names and list positions ({@code index.event.codes[0]}), each cut. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        java.util.List<JacksonException.Reference> references = e.getPath();
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException && !references.isEmpty()) {
            references = references.subList(0, references.size() - 1); // the unknown field, named in the reason
        }
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(cut(r.getPropertyName()));
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        if (out.length() == 0 && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return out.length() == 0 ? "the top level" : out.toString();
    }

    private static String quoted(String value) {
        return "'" + cut(value == null ? "" : value) + "'";
    }

    private static String cut(String value) {
        String shown = value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "... (" + value.length() + " characters)";
        return shown.replaceAll("\\p{Cntrl}", "?");
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

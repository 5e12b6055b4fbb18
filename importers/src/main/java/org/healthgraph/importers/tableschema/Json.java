package org.healthgraph.importers.tableschema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Lenient readers of Table Schema JSON values: absent or null reads as empty. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** A list of strings from an array, or from a single string (JSON allows either in several places). */
    static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(v -> out.add(v.isValueNode() ? v.asString() : v.toString()));
        } else if (!value.asString().isBlank()) {
            out.add(value.asString());
        }
        return out;
    }

    static Map<String, String> flatObject(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode value = node.get(field);
        if (value != null && value.isObject()) {
            for (var e : value.properties()) {
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
            }
        }
        return out;
    }
}

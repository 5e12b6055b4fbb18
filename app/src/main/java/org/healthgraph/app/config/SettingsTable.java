package org.healthgraph.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The settings table of the README, generated from the typed settings: the configuration processor
 * writes every {@code healthgraph.*} property of {@link HealthgraphProperties} with its type,
 * default and description (the records' Javadoc) to {@code META-INF/spring-configuration-metadata.json};
 * this class reads it back and prints one Markdown row per property. {@code healthgraph settings}
 * prints it, and a test fails when the README's table differs.
 */
public final class SettingsTable {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private SettingsTable() {
    }

    /** One setting. */
    public record Setting(String property, String environment, String type, String defaultValue, String description) {
    }

    /** Every {@code healthgraph.*} setting, by name. */
    public static List<Setting> settings() {
        JsonNode root;
        try (InputStream in = SettingsTable.class.getClassLoader().getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is missing from the class path: the build runs the configuration processor");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Setting> out = new ArrayList<>();
        for (JsonNode p : root.path("properties")) {
            String name = p.path("name").asString();
            if (!name.startsWith("healthgraph.")) {
                continue;
            }
            out.add(new Setting(name, environment(name), p.path("type").asString(), display(p.get("defaultValue")),
                    p.path("description").asString()));
        }
        out.sort(Comparator.comparing(Setting::property));
        return out;
    }

    /** The environment variable of a property: upper case, '.' and '-' as '_'. */
    public static String environment(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The Markdown table: header, separator and one row per setting, each line ending with a newline. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| property | environment | default | meaning |\n");
        b.append("|---|---|---|---|\n");
        for (Setting s : settings()) {
            b.append("| `").append(s.property()).append("` | `").append(s.environment()).append("` | ")
                    .append(s.defaultValue()).append(" | ").append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    private static String display(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "empty";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "empty" : "`" + value.toString() + "`";
        }
        String text = value.isBoolean() ? String.valueOf(value.asBoolean()) : value.asString();
        return text.isEmpty() ? "empty" : "`" + text + "`";
    }
}

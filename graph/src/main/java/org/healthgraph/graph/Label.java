package org.healthgraph.graph;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node label of the property graph, with the property that identifies its nodes.
 *
 * @param name label name, an identifier in UpperCamelCase (for example {@code Table})
 * @param keyProperty the property whose value is unique among nodes of this label
 */
public record Label(String name, String keyProperty) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public Label {
        requireIdentifier(name, "label");
        requireIdentifier(keyProperty, "key property");
    }

    static String requireIdentifier(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' must start with a letter and hold only letters, digits and '_' (at most 64)");
        }
        return value;
    }
}

package org.healthgraph.graph;

/**
 * A relationship type of the property graph, between two labels.
 *
 * @param name type name in UPPER_SNAKE_CASE (for example {@code HAS_TABLE})
 * @param from label of the start nodes
 * @param to label of the end nodes
 */
public record RelType(String name, Label from, Label to) {

    public RelType {
        Label.requireIdentifier(name, "relationship type");
        java.util.Objects.requireNonNull(from, "from");
        java.util.Objects.requireNonNull(to, "to");
    }
}

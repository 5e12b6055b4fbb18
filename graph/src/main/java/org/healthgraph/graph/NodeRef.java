package org.healthgraph.graph;

import java.util.Objects;

/**
 * A reference to one node: its label and the value of the label's key property.
 *
 * @param label the node's label
 * @param key the value of {@link Label#keyProperty()}; a non-blank string
 */
public record NodeRef(Label label, String key) {

    public NodeRef {
        Objects.requireNonNull(label, "label");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key of a " + label.name() + " node must not be blank");
        }
    }

    public static NodeRef of(Label label, String key) {
        return new NodeRef(label, key);
    }
}

package org.healthgraph.graph;

/** A non-unique index on one property of a label. */
public record PropertyIndex(Label label, String property) {

    public PropertyIndex {
        java.util.Objects.requireNonNull(label, "label");
        Label.requireIdentifier(property, "indexed property");
    }
}

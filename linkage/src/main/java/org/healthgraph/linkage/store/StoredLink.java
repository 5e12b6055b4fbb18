package org.healthgraph.linkage.store;

import java.util.Objects;
import java.util.OptionalDouble;

import org.healthgraph.graph.GraphKeys;

/**
 * A link as the graph holds it: a {@code LINKED_TO} relationship from the {@code Record} node of a
 * linked source's record (key {@code SOURCE:ID}) to a {@code Patient}.
 *
 * @param source the linked source's name, prefix of its records' keys (no ':')
 * @param recordId the record's id in that source
 * @param patientId the patient it is linked to
 * @param probability match probability
 * @param weight match weight (log2 odds), absent for links decided without one (exact tiers)
 * @param method how the link was decided ({@code fellegi-sunter}, {@code tiers:...})
 * @param explanation per-field contributions as {@code field=weight} text
 */
public record StoredLink(String source, String recordId, String patientId, double probability, OptionalDouble weight,
                         String method, String explanation) {

    public StoredLink {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(method, "method");
        explanation = explanation == null ? "" : explanation;
        GraphKeys.record(source, recordId);
        if (source.contains(":")) {
            throw new IllegalArgumentException("a linked source's name must not contain ':'");
        }
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("a link needs a patient id");
        }
    }

    /** The key of the record's node: {@code SOURCE:ID}. */
    public String recordKey() {
        return GraphKeys.record(source, recordId);
    }
}

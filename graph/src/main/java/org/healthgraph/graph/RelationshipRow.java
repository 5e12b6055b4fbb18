package org.healthgraph.graph;

import java.util.Map;
import java.util.Objects;

/**
 * One relationship to upsert: keys of its two end nodes and its properties. Upserting the same
 * row twice leaves one relationship, whose properties are those of the last write.
 */
public record RelationshipRow(String fromKey, String toKey, Map<String, Object> properties) {

    public RelationshipRow {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(toKey, "toKey");
        properties = Map.copyOf(properties);
    }

    public static RelationshipRow of(String fromKey, String toKey) {
        return new RelationshipRow(fromKey, toKey, Map.of());
    }
}

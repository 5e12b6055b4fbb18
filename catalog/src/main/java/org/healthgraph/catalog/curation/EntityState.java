package org.healthgraph.catalog.curation;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The curated fields of one entry at one version.
 *
 * @param entity the entry
 * @param version the version
 * @param fields field to value ({@code title}, {@code description}, {@code tags}, {@code codedBy},
 *        {@code joins}: the ids of the joins from a table, comma and space separated), those the kind has
 */
public record EntityState(EntityRef entity, long version, Map<String, String> fields) {

    public EntityState {
        Objects.requireNonNull(entity, "entity");
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** One field's value, empty when it has none. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}

package org.healthgraph.catalog.curation;

import java.util.List;
import java.util.Objects;

/**
 * What a proposal changes in one entry: the version it was proposed on and its fields' diff.
 *
 * @param entity the entry
 * @param baseVersion the entry's version when the change was proposed; an approval needs it unchanged
 * @param fields the changed fields, at least one
 */
public record EntityChange(EntityRef entity, long baseVersion, List<FieldChange> fields) {

    public EntityChange {
        Objects.requireNonNull(entity, "entity");
        fields = List.copyOf(fields);
    }
}

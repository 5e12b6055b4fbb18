package org.healthgraph.catalog.curation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.healthgraph.catalog.Join;

/**
 * What a steward asks to change in one entry; absent fields are left as they are.
 *
 * @param entity the entry
 * @param expectedVersion the version the steward saw, if given: the proposal is refused (CONFLICT) when
 *        the entry is at another
 * @param title a new title (datasets, tables, code lists)
 * @param description a new description (datasets, variables)
 * @param tags the new set of tags (any kind); empty list to remove them all
 * @param codedBy a variable's new code list, {@code LIST} or {@code LIST:COLUMN}; empty text for none
 * @param addJoins joins to declare from this table
 * @param removeJoins ids of joins from this table to remove
 */
public record EntityEdit(EntityRef entity, OptionalLong expectedVersion, Optional<String> title,
                         Optional<String> description, Optional<List<String>> tags, Optional<String> codedBy,
                         List<Join> addJoins, List<String> removeJoins) {

    public EntityEdit {
        Objects.requireNonNull(entity, "entity");
        expectedVersion = expectedVersion == null ? OptionalLong.empty() : expectedVersion;
        title = title == null ? Optional.empty() : title;
        description = description == null ? Optional.empty() : description;
        tags = tags == null ? Optional.empty() : tags.map(List::copyOf);
        codedBy = codedBy == null ? Optional.empty() : codedBy;
        addJoins = addJoins == null ? List.of() : List.copyOf(addJoins);
        removeJoins = removeJoins == null ? List.of() : List.copyOf(removeJoins);
    }

    /** An edit of nothing yet, to build on with the {@code with...} methods. */
    public static EntityEdit of(EntityRef entity) {
        return new EntityEdit(entity, OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of());
    }

    public EntityEdit atVersion(long version) {
        return new EntityEdit(entity, OptionalLong.of(version), title, description, tags, codedBy, addJoins, removeJoins);
    }

    public EntityEdit withTitle(String value) {
        return new EntityEdit(entity, expectedVersion, Optional.of(value), description, tags, codedBy, addJoins, removeJoins);
    }

    public EntityEdit withDescription(String value) {
        return new EntityEdit(entity, expectedVersion, title, Optional.of(value), tags, codedBy, addJoins, removeJoins);
    }

    public EntityEdit withTags(List<String> value) {
        return new EntityEdit(entity, expectedVersion, title, description, Optional.of(value), codedBy, addJoins, removeJoins);
    }

    public EntityEdit withCodedBy(String value) {
        return new EntityEdit(entity, expectedVersion, title, description, tags, Optional.of(value), addJoins, removeJoins);
    }

    public EntityEdit withJoinAdded(Join join) {
        List<Join> joins = new java.util.ArrayList<>(addJoins);
        joins.add(join);
        return new EntityEdit(entity, expectedVersion, title, description, tags, codedBy, joins, removeJoins);
    }

    public EntityEdit withJoinRemoved(String joinId) {
        List<String> ids = new java.util.ArrayList<>(removeJoins);
        ids.add(joinId);
        return new EntityEdit(entity, expectedVersion, title, description, tags, codedBy, addJoins, ids);
    }
}

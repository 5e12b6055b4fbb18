package org.healthgraph.catalog.curation;

import java.util.Objects;

/**
 * One field of one entry, before and after: {@code title}, {@code description}, {@code tags} (comma
 * and space separated, sorted), {@code codedBy} ({@code LIST} or {@code LIST:COLUMN}, empty for none),
 * or {@code join} (a join's id: old empty when it is added, new empty when it is removed).
 *
 * @param field the field
 * @param oldValue the value when the change was proposed, empty when none
 * @param newValue the value proposed, empty when none
 */
public record FieldChange(String field, String oldValue, String newValue) {

    public FieldChange {
        Objects.requireNonNull(field, "field");
        oldValue = oldValue == null ? "" : oldValue;
        newValue = newValue == null ? "" : newValue;
    }
}

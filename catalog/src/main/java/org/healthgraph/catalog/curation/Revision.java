package org.healthgraph.catalog.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * One field of one entry changed by an approved proposal or by an import, in the entry's history.
 *
 * @param entity the entry
 * @param version the entry's version this change made (the one before plus one)
 * @param field the field ({@link FieldChange})
 * @param oldValue the value before
 * @param newValue the value after
 * @param author who proposed it ({@code import:<file>} for an import)
 * @param reviewer who approved it (empty for an import)
 * @param at when it was applied
 * @param reason the proposal's reason (empty for an import)
 * @param proposal the proposal's id (empty for an import)
 */
public record Revision(EntityRef entity, long version, String field, String oldValue, String newValue, String author,
                       String reviewer, Instant at, String reason, String proposal) {

    public Revision {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(at, "at");
        oldValue = oldValue == null ? "" : oldValue;
        newValue = newValue == null ? "" : newValue;
        author = author == null ? "" : author;
        reviewer = reviewer == null ? "" : reviewer;
        reason = reason == null ? "" : reason;
        proposal = proposal == null ? "" : proposal;
    }
}

package org.healthgraph.catalog.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * An import that would have overwritten a curated field: the curated value was kept and the
 * imported one is recorded here for stewards (who may propose it). One per entry, field and source
 * file: importing the same file again updates it.
 *
 * @param id its id
 * @param entity the entry
 * @param field the curated field
 * @param curatedValue the value kept
 * @param importedValue the value the import brought
 * @param source the imported file
 * @param at when the import ran
 */
public record ImportConflict(String id, EntityRef entity, String field, String curatedValue, String importedValue,
                             String source, Instant at) {

    public ImportConflict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(at, "at");
    }
}

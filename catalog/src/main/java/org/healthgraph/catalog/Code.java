package org.healthgraph.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A code of a code list.
 *
 * @param ref code list and code
 * @param label its label, or empty
 * @param columns every column of its row, by column name, in the list's column order
 */
public record Code(CodeRef ref, String label, Map<String, String> columns) implements CatalogEntry {

    public Code {
        Objects.requireNonNull(ref, "ref");
        label = Names.orEmpty(label);
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    @Override
    public EntryKind kind() {
        return EntryKind.CODE;
    }

    @Override
    public String key() {
        return ref.key();
    }
}

package org.healthgraph.catalog;

import java.util.Objects;

/**
 * A column of a code list.
 *
 * @param name the column's name
 * @param type its Table Schema type, or empty
 * @param role what it holds
 */
public record NomenclatureColumn(String name, String type, ColumnRole role) {

    public NomenclatureColumn {
        Names.identifier(name, "code list column");
        type = Names.orEmpty(type);
        Objects.requireNonNull(role, "role");
    }
}

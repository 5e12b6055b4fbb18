package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A code list (a nomenclature): its columns and where it comes from. Its codes are read apart
 * ({@link Catalog#codes}) since a list may hold tens of thousands.
 *
 * @param name the list's name
 * @param title its title, or empty
 * @param source the body that publishes it (the SNDS folder: ATIH, DREES, ORAVAL...), or empty
 * @param columns its columns in file order
 * @param primaryKey the columns whose values identify a code (the code column alone, usually)
 */
public record Nomenclature(NomenclatureName name, String title, String source, List<NomenclatureColumn> columns,
                           List<String> primaryKey) implements CatalogEntry {

    public Nomenclature {
        Objects.requireNonNull(name, "name");
        title = Names.orEmpty(title);
        source = Names.orEmpty(source);
        columns = columns == null ? List.of() : List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    /** The column holding the codes, if one has that role. */
    public Optional<NomenclatureColumn> codeColumn() {
        return columns.stream().filter(c -> c.role() == ColumnRole.CODE).findFirst();
    }

    /** The column holding the labels, if one has that role. */
    public Optional<NomenclatureColumn> labelColumn() {
        return columns.stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst();
    }

    @Override
    public EntryKind kind() {
        return EntryKind.NOMENCLATURE;
    }

    @Override
    public String key() {
        return name.value();
    }
}

package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table of a dataset.
 *
 * @param name the table's name
 * @param title its title (French in the SNDS), or empty
 * @param dataset the name of the product it belongs to
 * @param scope what the table covers ({@code champ}), or empty
 * @param observation free remarks, or empty
 * @param history when it exists
 * @param primaryKey the variables of its primary key, possibly none
 */
public record Table(TableName name, String title, String dataset, String scope, String observation, History history,
                    List<String> primaryKey) implements CatalogEntry {

    public Table {
        Objects.requireNonNull(name, "name");
        Names.text(dataset, "dataset of table " + name, 200);
        title = Names.orEmpty(title);
        scope = Names.orEmpty(scope);
        observation = Names.orEmpty(observation);
        history = history == null ? History.NONE : history;
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    @Override
    public EntryKind kind() {
        return EntryKind.TABLE;
    }

    @Override
    public String key() {
        return name.value();
    }
}

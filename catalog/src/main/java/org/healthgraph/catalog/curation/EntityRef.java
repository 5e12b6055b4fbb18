package org.healthgraph.catalog.curation;

import java.util.Objects;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.InvalidCatalogInputException;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.NomenclatureName;

/**
 * A catalog entry that can be curated: a dataset, a table, a variable or a code list (codes are
 * curated through their list's import). Written {@code KIND:key}, as revisions store it.
 *
 * @param kind the entry's kind, not {@link EntryKind#CODE}
 * @param key the entry's key, validated by the kind's own rule
 */
public record EntityRef(EntryKind kind, String key) {

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        switch (kind) {
            case DATASET -> {
                if (key.isBlank() || key.length() > 200) {
                    throw new InvalidCatalogInputException("dataset name must be 1 to 200 characters, got " + key.length());
                }
            }
            case TABLE -> TableName.of(key);
            case VARIABLE -> VariableRef.parse(key);
            case NOMENCLATURE -> NomenclatureName.of(key);
            case CODE -> throw new InvalidCatalogInputException("codes are not curated one by one: curate their code list");
        }
    }

    public static EntityRef of(EntryKind kind, String key) {
        return new EntityRef(kind, key);
    }

    /** Parses {@code KIND:key}. */
    public static EntityRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidCatalogInputException("entity reference must read KIND:key");
        }
        EntryKind kind;
        try {
            kind = EntryKind.valueOf(text.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new InvalidCatalogInputException("entity kind must be DATASET, TABLE, VARIABLE or NOMENCLATURE");
        }
        return new EntityRef(kind, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind + ":" + key;
    }
}

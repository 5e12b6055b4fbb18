package org.healthgraph.catalog;

/**
 * A data product, such as {@code DCIR}, {@code PMSI MCO} or {@code BENEFICIAIRE}.
 *
 * @param name the product's name: non-blank, at most 200 characters (spaces and accents allowed)
 * @param title a human title, or empty
 * @param description a description, or empty
 */
public record Dataset(String name, String title, String description) implements CatalogEntry {

    public Dataset {
        Names.text(name, "dataset name", 200);
        title = Names.orEmpty(title);
        description = Names.orEmpty(description);
    }

    public static Dataset named(String name) {
        return new Dataset(name, "", "");
    }

    @Override
    public EntryKind kind() {
        return EntryKind.DATASET;
    }

    @Override
    public String key() {
        return name;
    }
}

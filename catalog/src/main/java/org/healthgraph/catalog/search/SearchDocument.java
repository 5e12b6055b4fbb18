package org.healthgraph.catalog.search;

import java.util.List;
import java.util.Objects;

import org.healthgraph.graph.GraphKeys;

/**
 * One thing the search index can find, independent of where the catalog lives.
 *
 * @param kind what it is
 * @param key stable key: "ER_PHA_F", "ER_PHA_F.PHA_PRS_C13", "IR_PHA_R", "IR_CIM_V:I21"
 * @param name the identifier (table, variable or code list name) or the code value
 * @param label the human title or description (French)
 * @param context text of the enclosing thing (a variable's table title, a code's list title), may be empty
 * @param product the data product (DCIR, PMSI MCO ...) or, for code lists and codes, their source; may be empty
 * @param table the table a variable belongs to (its own name for a table); may be empty
 * @param nomenclature the code list a variable is coded by, a code belongs to (its own name for a list); may be empty
 * @param type the variable's data type (string, date ...); may be empty
 * @param years the years in which the thing is available; may be empty
 */
public record SearchDocument(
        DocumentKind kind,
        String key,
        String name,
        String label,
        String context,
        String product,
        String table,
        String nomenclature,
        String type,
        List<Integer> years) {

    public SearchDocument {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("search document key must not be blank (kind " + kind + ")");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("search document name must not be blank (key " + key + ")");
        }
        label = label == null ? "" : label;
        context = context == null ? "" : context;
        product = product == null ? "" : product;
        table = table == null ? "" : table;
        nomenclature = nomenclature == null ? "" : nomenclature;
        type = type == null ? "" : type;
        years = years == null ? List.of() : List.copyOf(years);
    }

    /**
     * The years from {@code created} to {@code deleted} (or to {@code openEnd} when not deleted),
     * read as the first four-digit year in each text ("2006", "01/2013"); empty when
     * {@code created} holds no year.
     */
    public static List<Integer> years(String created, String deleted, int openEnd) {
        java.util.Optional<Integer> from = firstYear(created);
        if (from.isEmpty()) {
            return List.of();
        }
        int to = firstYear(deleted).orElse(openEnd);
        return java.util.stream.IntStream.rangeClosed(from.get(), Math.max(from.get(), Math.min(to, from.get() + 100)))
                .boxed().toList();
    }

    private static java.util.Optional<Integer> firstYear(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(19|20)\\d\\d").matcher(text == null ? "" : text);
        return m.find() ? java.util.Optional.of(Integer.parseInt(m.group())) : java.util.Optional.empty();
    }

    /** A table of {@code product}. */
    public static SearchDocument table(String product, String name, String title) {
        return new SearchDocument(DocumentKind.TABLE, name, name, title, "", product, name, "", "", List.of());
    }

    /** A variable of {@code table}, optionally coded by {@code nomenclature}. */
    public static SearchDocument variable(String product, String table, String tableTitle, String name,
            String description, String nomenclature, String type, List<Integer> years) {
        return new SearchDocument(DocumentKind.VARIABLE, table + "." + name, name, description, tableTitle,
                product, table, nomenclature, type, years);
    }

    /** A code list. */
    public static SearchDocument nomenclature(String source, String name, String title) {
        return new SearchDocument(DocumentKind.NOMENCLATURE, name, name, title, "", source, "", name, "", List.of());
    }

    /** A code of {@code nomenclature}. */
    public static SearchDocument code(String source, String nomenclature, String nomenclatureTitle, String code,
            String label) {
        return new SearchDocument(DocumentKind.CODE, GraphKeys.code(nomenclature, code), code, label, nomenclatureTitle,
                source, "", nomenclature, "", List.of());
    }
}

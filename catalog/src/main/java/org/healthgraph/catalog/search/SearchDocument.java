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
 * @param text a documentation page's or section's own text; empty for other kinds
 * @param path a documentation page's file and section anchor ({@code fiches/ivg.md#les-ivg}); empty for other kinds
 * @param knowledge what the documentation says where it names this table, variable, code list or
 *     code (the sentences and section titles around its mentions); may be empty
 * @param topics the titles of the documentation sections about it (whose heading names it, or the
 *     page of a table); may be empty
 * @param prominence how central the thing is in the documentation and the join graph
 * @param glossary the acronym and expansion a glossary page defines; {@link Glossary#NONE} otherwise
 * @param mentions for a documentation page or section, the keys of the catalog entries it names (its
 *     own text, not its sections'); empty for other kinds
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
        List<Integer> years,
        String text,
        String path,
        String knowledge,
        String topics,
        Prominence prominence,
        Glossary glossary,
        List<String> mentions) {

    /**
     * How central a table, variable, code list or code is: a ranking prior, bounded (see the search
     * index's prominence rule).
     *
     * @param mentions how many documentation sections name it (a name shared by several tables counts
     *     a fraction for each)
     * @param joins how many declared joins reach it (for a variable, its table's)
     * @param copy whether it is a copy of a more central table (its variables, by name, are mostly
     *     another table's) or belongs to one
     */
    public record Prominence(double mentions, int joins, boolean copy) {
        /** Nothing known. */
        public static final Prominence NONE = new Prominence(0, 0, false);

        public Prominence {
            if (mentions < 0 || joins < 0 || Double.isNaN(mentions)) {
                throw new IllegalArgumentException("prominence counts must be 0 or more, got " + mentions + ", " + joins);
            }
        }
    }

    /**
     * A glossary term: an acronym and what it stands for, which find each other in queries.
     *
     * @param acronym the acronym (HAD), or empty
     * @param expansion what it stands for (hospitalisation à domicile), or empty
     */
    public record Glossary(String acronym, String expansion) {
        /** No term. */
        public static final Glossary NONE = new Glossary("", "");

        public Glossary {
            acronym = acronym == null ? "" : acronym.strip();
            expansion = expansion == null ? "" : expansion.strip();
        }

        public boolean isEmpty() {
            return acronym.isEmpty() || expansion.isEmpty();
        }
    }

    /** A document of the catalog (no documentation text, knowledge or prominence yet). */
    public SearchDocument(DocumentKind kind, String key, String name, String label, String context, String product,
            String table, String nomenclature, String type, List<Integer> years) {
        this(kind, key, name, label, context, product, table, nomenclature, type, years, "", "", "", "", Prominence.NONE,
                Glossary.NONE, List.of());
    }

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
        text = text == null ? "" : text;
        path = path == null ? "" : path;
        knowledge = knowledge == null ? "" : knowledge;
        topics = topics == null ? "" : topics;
        prominence = prominence == null ? Prominence.NONE : prominence;
        glossary = glossary == null ? Glossary.NONE : glossary;
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** This document with what the documentation says about it and how central it is. */
    public SearchDocument withKnowledge(String knowledgeText, String topicTitles, Prominence p) {
        return new SearchDocument(kind, key, name, label, context, product, table, nomenclature, type, years, text, path,
                knowledgeText, topicTitles, p, glossary, mentions);
    }

    /**
     * A documentation page or section.
     *
     * @param key its document key ({@code fiches/ivg#les-ivg})
     * @param title what a hit shows (page title, then the section's heading)
     * @param text its own text
     * @param path its file and anchor
     * @param tags the page's tags, searched as its context
     * @param glossary the term a glossary page defines, or {@link Glossary#NONE}
     */
    public static SearchDocument documentation(String key, String title, String text, String path, String tags,
            Glossary glossary) {
        return documentation(key, title, text, path, tags, glossary, List.of());
    }

    /** A documentation page or section naming {@code mentions} (catalog keys); see {@link #documentation}. */
    public static SearchDocument documentation(String key, String title, String text, String path, String tags,
            Glossary glossary, List<String> mentions) {
        return new SearchDocument(DocumentKind.DOCUMENT, key, title, title, tags, "", "", "", "", List.of(), text, path,
                "", "", Prominence.NONE, glossary, mentions);
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

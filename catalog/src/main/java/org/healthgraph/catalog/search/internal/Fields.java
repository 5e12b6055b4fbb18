package org.healthgraph.catalog.search.internal;

/** Names of the Lucene fields of the catalog index. */
public final class Fields {
    /** Exact key, stored; the unit of update and delete. */
    public static final String KEY = "key";
    /** Key lowercased, for exact matches typed in any case. */
    public static final String KEY_LC = "key_lc";
    /** Name or code, lowercased and folded, one term: exact and prefix matches. */
    public static final String NAME_EXACT = "name_exact";
    /** Name split into identifier parts, the whole name kept too. */
    public static final String NAME_ID = "name_id";
    /** Label analysed as French text; stored (hits show it, highlighting analyses it again). */
    public static final String LABEL = "label";
    /** Label folded but neither stemmed nor stop-filtered: typo tolerance and suggestions. */
    public static final String LABEL_PLAIN = "label_plain";
    /** On a code, its label reduced to word roots (Snowball's French stemmer): a noun finds its adjective (dépression, dépressif). */
    public static final String LABEL_ROOTS = "label_roots";
    /** On a code, its label's words folded and reversed: a word ending is a prefix of this field's terms. */
    public static final String LABEL_ENDINGS = "label_rev";
    /** Text of the enclosing table or code list, French. */
    public static final String CONTEXT = "context";
    /** Product name as words. */
    public static final String PRODUCT_TEXT = "product_txt";
    /** Kind as sorted doc values, for the ranking prior. */
    public static final String KIND_DV = "kind_dv";
    /** Code list of a document as sorted doc values (to find the lists holding matched codes). */
    public static final String NOMENCLATURE_DV = "nomenclature_dv";

    /** A documentation page's or section's own text, French; stored (hits show passages of it). */
    public static final String TEXT = "text";
    /** The page a documentation page or section belongs to: the unit of its removal. */
    public static final String PAGE = "page";
    /** A documentation hit's file and anchor, stored. */
    public static final String PATH = "path";
    /**
     * On a documentation page or section, the keys of the catalog entries it names, as sorted-set doc
     * values (read for a few hits per query without decompressing the pages' stored text).
     */
    public static final String MENTIONS = "mentions";
    /** What the documentation says around the mentions of an entry, French. */
    public static final String KNOWLEDGE = "knowledge";
    /** The titles of the documentation sections about an entry, French. */
    public static final String TOPICS = "topics";
    /** The prominence multiplier of a document, as float doc values (absent: 1). */
    public static final String PROMINENCE_DV = "prominence_dv";
    /** A glossary page's acronym and expansion, stored; {@link #GLOSSARY} marks such pages. */
    public static final String ACRONYM = "acronym";
    public static final String EXPANSION = "expansion";
    public static final String GLOSSARY = "glossary";
    /** A code's key as sorted doc values (the category-level rule reads it for candidates). */
    public static final String KEY_DV = "key_dv";
    /** On a code, its list and the codes one or two characters shorter it may belong to ("IR_CIM_V:I21" on I210). */
    public static final String PARENTS = "parents";

    /** On a variable, the code list it is coded by (not on codes or lists): counts a list's users. */
    public static final String CODED_BY = "coded_by";

    // Stored / filter / facet fields, one per facet dimension.
    public static final String KIND = "kind";
    public static final String PRODUCT = "product";
    public static final String TABLE = "table";
    public static final String NOMENCLATURE = "nomenclature";
    public static final String TYPE = "type";
    public static final String YEAR = "year";
    public static final String NAME = "name";
    public static final String STORED_LABEL = "label_stored";

    private Fields() {
    }
}

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
    /** Text of the enclosing table or code list, French. */
    public static final String CONTEXT = "context";
    /** Product name as words. */
    public static final String PRODUCT_TEXT = "product_txt";
    /** Kind as sorted doc values, for the ranking prior. */
    public static final String KIND_DV = "kind_dv";
    /** Code list of a document as sorted doc values (to find the lists holding matched codes). */
    public static final String NOMENCLATURE_DV = "nomenclature_dv";

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

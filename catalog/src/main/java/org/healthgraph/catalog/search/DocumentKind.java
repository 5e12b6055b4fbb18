package org.healthgraph.catalog.search;

/** What a search document describes. */
public enum DocumentKind {
    /** A table of a data product (ER_PHA_F). */
    TABLE,
    /** A column of a table (ER_PHA_F.PHA_PRS_C13). */
    VARIABLE,
    /** A code list (IR_CIM_V). */
    NOMENCLATURE,
    /** One value of a code list (IR_CIM_V:I21). */
    CODE,
    /** A page or section of the documentation (fiches/ivg#les-ivg-en-etablissement-hospitalier). */
    DOCUMENT
}

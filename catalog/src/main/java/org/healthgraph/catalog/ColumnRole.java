package org.healthgraph.catalog;

/** What a column of a code list holds. */
public enum ColumnRole {
    /** The code itself (the value found in the data). */
    CODE,
    /** The code's human label. */
    LABEL,
    /** Anything else (dates of validity, groupings, other labels). */
    OTHER
}

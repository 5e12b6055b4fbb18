package org.healthgraph.catalog;

/**
 * One entry of the catalog as the search index sees it: a dataset, a table, a variable, a code list
 * or a code. Switch over the permitted records to index each kind.
 */
public sealed interface CatalogEntry permits Dataset, Table, Variable, Nomenclature, Code {

    /** The kind of entry. */
    EntryKind kind();

    /** The entry's key in the graph (for example {@code ER_PHA_F.PHA_PRS_C13} or {@code IR_CIM_V:I21}). */
    String key();
}

package org.healthgraph.catalog;

/** The kinds of catalog entry. */
public enum EntryKind {
    DATASET, TABLE, VARIABLE, NOMENCLATURE, CODE
}

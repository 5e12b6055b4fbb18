package org.healthgraph.catalog.store.internal.neo4j;

import java.util.List;

import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;

/** The key constraints and indexes of the catalog on Neo4j. */
final class CatalogSchema {

    static final List<Label> LABELS = List.of(GraphNames.DATASET, GraphNames.TABLE, GraphNames.VARIABLE,
            GraphNames.NOMENCLATURE, GraphNames.CODE, GraphNames.CHANGE, GraphNames.CATALOG_SOURCE,
            CatalogRows.PROPOSAL, CatalogRows.REVISION, CatalogRows.IMPORT_CONFLICT);
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.VARIABLE, "table"),
            new PropertyIndex(GraphNames.TABLE, "dataset"),
            new PropertyIndex(CatalogRows.PROPOSAL, "status"), new PropertyIndex(CatalogRows.REVISION, "entity"),
            new PropertyIndex(CatalogRows.IMPORT_CONFLICT, "status"));

    private CatalogSchema() {
    }
}

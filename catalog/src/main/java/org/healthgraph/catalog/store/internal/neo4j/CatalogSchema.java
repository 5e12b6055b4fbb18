package org.healthgraph.catalog.store.internal.neo4j;

import java.util.List;

import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;

/** The key constraints and indexes of the catalog on Neo4j. */
final class CatalogSchema {

    static final List<Label> LABELS = List.of(GraphNames.DATASET, GraphNames.TABLE, GraphNames.VARIABLE,
            GraphNames.NOMENCLATURE, GraphNames.CODE, GraphNames.CHANGE, GraphNames.CATALOG_SOURCE, CatalogStore.STAMP,
            CatalogRows.PROPOSAL, CatalogRows.REVISION, CatalogRows.IMPORT_CONFLICT);
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.VARIABLE, "table"),
            new PropertyIndex(GraphNames.TABLE, "dataset"),
            new PropertyIndex(CatalogRows.PROPOSAL, "status"), new PropertyIndex(CatalogRows.REVISION, "entity"),
            new PropertyIndex(CatalogRows.IMPORT_CONFLICT, "status"));

    /**
     * The stamp moves last in a transaction, in two statements: the first takes the node's write lock
     * (SET) before the second reads the version, since a read before the lock could miss a concurrent
     * move and repeat its version.
     */
    static final String LOCK_STAMP = """
            MERGE (s:CatalogStamp {key: $key})
            ON CREATE SET s.version = 0, s.token = ''
            SET s.moving = true
            """;
    static final String MOVE_STAMP = """
            MATCH (s:CatalogStamp {key: $key})
            SET s.version = s.version + 1, s.token = $token
            REMOVE s.moving
            RETURN s.version AS version, s.token AS token
            """;
    static final String READ_STAMP = """
            MATCH (s:CatalogStamp {key: $key})
            RETURN s.version AS version, s.token AS token
            """;

    private CatalogSchema() {
    }
}

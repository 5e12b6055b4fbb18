package org.healthgraph.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes inside one transaction. All methods are idempotent upserts keyed by the label's key
 * property, sent in batches; nothing is visible to readers until the transaction that holds this
 * writer commits, and nothing remains if it rolls back. Backend adapters get a richer writer
 * ({@code CypherWriter}, {@code GremlinWriter}) for the writes no method here covers.
 */
public interface GraphWriter {

    /**
     * Creates or updates nodes. Each row must hold the label's key property as a non-blank value;
     * its other entries are set as properties (a {@code null} value removes the property).
     */
    WriteResult upsertNodes(Label label, List<Map<String, Object>> rows);

    /**
     * Creates or updates relationships between existing nodes, one per (from, to) pair. A row
     * naming a node that does not exist fails the whole transaction with a {@link GraphStoreException}
     * that names the missing key.
     */
    WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows);

    /** Deletes the nodes with these keys and their relationships; absent keys are ignored. */
    long deleteNodes(Label label, Collection<String> keys);
}

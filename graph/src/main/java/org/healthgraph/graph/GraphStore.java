package org.healthgraph.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The port through which every module reads and writes the property graph. Implementations are
 * thread-safe; each call runs in its own transaction unless made through {@link #write}.
 */
public interface GraphStore extends AutoCloseable {

    /** Creates the uniqueness constraints for every label's key, and the given extra indexes; idempotent. */
    void ensureSchema(Collection<Label> labels, Collection<PropertyIndex> indexes);

    /**
     * Runs {@code work} in one write transaction, committed when it returns and rolled back when it
     * throws. Transient failures (deadlocks, leader switches) are retried, so {@code work} must
     * have no effect outside the writer it is given.
     */
    <T> T write(Function<GraphWriter, T> work);

    /** Upserts nodes in batches of {@code batchSize} rows, one transaction per batch. */
    WriteResult upsertNodes(Label label, List<Map<String, Object>> rows);

    /** Upserts relationships in batches, one transaction per batch. */
    WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows);

    Optional<GraphNode> find(NodeRef ref);

    /** The nodes of this label whose keys are given, in no particular order; absent keys are skipped. */
    List<GraphNode> findAll(Label label, Collection<String> keys);

    /** Number of nodes with this label. */
    long count(Label label);

    /** Number of relationships of this type. */
    long count(RelType type);

    /**
     * The nodes within {@code depth} hops of {@code centre} over the given relationship types (in
     * either direction), with the relationships among them; at most {@code limit} nodes.
     */
    Neighbourhood neighbourhood(NodeRef centre, Set<RelType> types, int depth, int limit);

    /**
     * All shortest paths between two nodes over the given relationship types, in either direction,
     * of at most {@code maxHops} hops; empty when there is none.
     */
    List<GraphPath> shortestPaths(NodeRef from, NodeRef to, Set<RelType> types, int maxHops);

    /** Runs a parameterised read statement in the store's query language. */
    List<Map<String, Object>> read(String statement, Map<String, Object> parameters);

    /** Runs a read and maps every record; for large results the mapping streams. */
    <T> List<T> read(String statement, Map<String, Object> parameters, Function<Map<String, Object>, T> mapper);

    /** A short description of where the store lives (URI without credentials). */
    String describe();

    @Override
    void close();
}

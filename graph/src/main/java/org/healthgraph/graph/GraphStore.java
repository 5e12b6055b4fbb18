package org.healthgraph.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The port through which every module reads and writes the property graph, in no query language:
 * upserts and deletions keyed by each label's key property, look-ups, counts, neighbourhoods and
 * shortest paths. Two backends implement it ({@link #backend()}): Neo4j
 * ({@code org.healthgraph.graph.neo4j.Neo4jGraph}, which adds Cypher for store adapters) and Apache
 * TinkerPop ({@code org.healthgraph.graph.gremlin.GremlinGraph}, which adds Gremlin traversals).
 * Domain modules keep their queries in typed stores with one adapter per backend.
 *
 * <p>Implementations are thread-safe; each call runs in its own transaction unless made through
 * {@link #write}.
 */
public interface GraphStore extends AutoCloseable {

    /** Creates the uniqueness constraints for every label's key, and the given extra indexes; idempotent. */
    void ensureSchema(Collection<Label> labels, Collection<PropertyIndex> indexes);

    /**
     * Runs {@code work} in one write transaction, committed when it returns and rolled back when it
     * throws. Transient failures (deadlocks, leader switches, optimistic-lock conflicts) are retried,
     * so {@code work} must have no effect outside the writer it is given. Without
     * {@link GraphCapability#ATOMIC_WRITES} (a Gremlin graph without transactions) each write of
     * {@code work} is applied on its own.
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

    /** The kind of database behind this store. */
    GraphBackend backend();

    /** What this store can do beyond the port's common operations. */
    Set<GraphCapability> capabilities();

    default boolean supports(GraphCapability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Fails with a {@link GraphUnsupportedException} naming {@code what}, the capability and the
     * setting that chooses the backend, unless this store has {@code capability}.
     */
    default void require(GraphCapability capability, String what) {
        if (!supports(capability)) {
            throw GraphUnsupportedException.of(this, capability, what);
        }
    }

    /**
     * A short description of the database (product, version, embedded or server) without address,
     * path nor credentials: anonymous callers are shown it ({@code version { graph }}), and failure
     * messages that reach clients quote it.
     */
    String describe();

    @Override
    void close();
}

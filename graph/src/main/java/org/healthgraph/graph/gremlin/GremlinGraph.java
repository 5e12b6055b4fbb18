package org.healthgraph.graph.gremlin;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.healthgraph.graph.GraphCapability;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphUnsupportedException;
import org.healthgraph.graph.Label;

/**
 * A {@link GraphStore} on an Apache TinkerPop graph, with the Gremlin access that store adapters need
 * (the classes in {@code ..store.internal.gremlin} packages; domain code uses its typed stores).
 * Traversals are built with TinkerPop's Java API only, never from Gremlin strings: in-process,
 * TinkerPop's ANTLR 4.9 string parser cannot load beside Neo4j's ANTLR 4.13.
 *
 * <p>Vertices carry the label's name as their label and the label's key as a property; a relationship
 * is an edge labelled with its type, from its start node to its end node. Property values are stored
 * through {@link GremlinValues}: lists and dates in a form every Gremlin database accepts.
 */
public interface GremlinGraph extends GraphStore {

    /**
     * Runs read traversals. On the embedded TinkerGraph they run in this thread's transaction, closed
     * on return; on a Gremlin Server each traversal is a request of its own.
     */
    <T> T read(Function<GraphTraversalSource, T> work);

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws
     * (all or nothing when the store has {@link GraphCapability#ATOMIC_WRITES}); transient failures
     * (optimistic-lock conflicts, a server that went away for a moment) are retried, so {@code work}
     * must have no effect outside the writer it is given. Writes of one store are serialised, which
     * makes the writer's get-or-create of keyed vertices safe within this process. (Not named
     * {@code write}: that name is {@link GraphStore#write}'s, with the same erasure.)
     */
    <T> T writeTraversal(Function<GremlinWriter, T> work);

    /**
     * The vertex ids of the nodes of {@code label} with these keys, by key (absent keys are left
     * out), looked up {@link #keysPerLookup()} keys at a time with a {@code within} predicate.
     */
    Map<String, Object> vertexIds(GraphTraversalSource g, Label label, Collection<String> keys);

    /**
     * How many values adapters should look up in one {@code within} traversal: a few hundred against
     * a server (one round trip each, served by its indexes), a thousand in this JVM (where the
     * embedded graph has no index and each look-up scans the vertices once).
     */
    int keysPerLookup();

    /** How many rows adapters should chain into one write traversal (few in this JVM, hundreds against a server). */
    int rowsPerTraversal();

    /**
     * The store as a {@link GremlinGraph}, or a {@link GraphUnsupportedException} naming {@code what}
     * and the setting that chooses the backend when it is another backend.
     */
    static GremlinGraph require(GraphStore store, String what) {
        if (store.backend() == GraphBackend.GREMLIN && store instanceof GremlinGraph gremlin) {
            return gremlin;
        }
        throw new GraphUnsupportedException(what + " needs the Gremlin backend (" + GraphBackend.SETTING
                + "=gremlin); the graph in use is " + store.backend().settingValue() + " (" + store.describe() + ")");
    }
}

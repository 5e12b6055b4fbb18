package org.healthgraph.graph.internal.gremlin;

import java.util.Collection;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.healthgraph.graph.GraphStoreException;

/** Where the traversals of a {@link GremlinGraphStore} run: an embedded TinkerGraph or a Gremlin Server. */
interface GremlinConnection extends AutoCloseable {

    /** The traversal source for reads outside a transaction. */
    GraphTraversalSource g();

    /** Whether {@link #inTransaction} is all or nothing. */
    boolean transactional();

    /**
     * One attempt at {@code work} in one transaction: committed when it returns, rolled back when it
     * throws (the exception is rethrown as it is).
     */
    <T> T inTransaction(Function<GraphTraversalSource, T> work);

    /** Ends what a read left open on this thread (the embedded graph's thread-bound transaction). */
    void afterRead();

    /** Indexes these vertex properties where the database lets a client do so; a no-op elsewhere. */
    void indexVertexProperties(Collection<String> properties);

    /** Whether {@code failure} is worth another attempt of the same transaction. */
    boolean isTransient(Throwable failure);

    /** The store's exception for a failure met while {@code doing} something; never the database's message. */
    GraphStoreException translate(Throwable failure, String doing);

    String describe();

    @Override
    void close();
}

package org.healthgraph.graph.gremlin;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.healthgraph.graph.GraphWriter;

/** The writer of one Gremlin transaction: the port's upserts plus the transaction's traversal source. */
public interface GremlinWriter extends GraphWriter {

    /**
     * The traversal source bound to this transaction: traversals made from it see this
     * transaction's writes and commit or roll back with it. Store property values through
     * {@link GremlinValues#encode(Object)}.
     */
    GraphTraversalSource g();
}

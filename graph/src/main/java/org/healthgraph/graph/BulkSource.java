package org.healthgraph.graph;

import java.util.OptionalLong;

/**
 * New nodes and relationships for a {@link GraphBulkLoad}, read by the loader in numbered chunks,
 * from several threads at once (so each chunk must be readable independently and more than once).
 * Node ids are dense longs: the graph's existing nodes keep ids below {@link ExistingNodes#firstFreeId()},
 * the source numbers its own nodes from there on.
 */
public interface BulkSource {

    /**
     * Called once, before any chunk is read, with the nodes the graph holds already, so that the
     * source can link to them (e.g. the catalog's Code nodes) and number its own nodes.
     */
    void prepare(ExistingNodes existing);

    /** Number of node chunks. */
    int nodeChunks();

    /** Writes the nodes of one chunk ({@code 0 <= chunk < nodeChunks()}). */
    void nodes(int chunk, NodeSink sink);

    /** Number of relationship chunks. */
    int relationshipChunks();

    /** Writes the relationships of one chunk ({@code 0 <= chunk < relationshipChunks()}). */
    void relationships(int chunk, RelationshipSink sink);

    /** Approximate numbers of new nodes and relationships (for the loader's memory planning). */
    long estimatedNodes();

    long estimatedRelationships();

    /** The graph's existing nodes, found by their label's key. */
    interface ExistingNodes {

        /** The id of the node of this label with this key, if the graph holds one. */
        OptionalLong find(Label label, String key);

        /** The first id free for new nodes. */
        long firstFreeId();
    }

    /** Receives nodes. A null value leaves the property out, as a Cypher CREATE would. */
    interface NodeSink {
        void node(long id, String[] labels, String[] keys, Object[] values);
    }

    /** Receives relationships. A null value leaves the property out. */
    interface RelationshipSink {
        void relationship(long from, String type, long to, String[] keys, Object[] values);
    }
}

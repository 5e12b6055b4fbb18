package org.healthgraph.graph;

/**
 * What a write changed: counts as reported by the database.
 *
 * @param nodesCreated new nodes
 * @param relationshipsCreated new relationships
 * @param propertiesSet properties written, including rewrites of an unchanged value
 */
public record WriteResult(long nodesCreated, long relationshipsCreated, long propertiesSet) {

    public static final WriteResult NONE = new WriteResult(0, 0, 0);

    public WriteResult plus(WriteResult other) {
        return new WriteResult(nodesCreated + other.nodesCreated, relationshipsCreated + other.relationshipsCreated,
                propertiesSet + other.propertiesSet);
    }
}

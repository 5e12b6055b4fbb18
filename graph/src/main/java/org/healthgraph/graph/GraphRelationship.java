package org.healthgraph.graph;

import java.util.Map;

/**
 * A relationship as read from the store.
 *
 * @param type relationship type name
 * @param from start node
 * @param to end node
 * @param properties immutable copy of the relationship's properties
 */
public record GraphRelationship(String type, NodeRef from, NodeRef to, Map<String, Object> properties) {

    public GraphRelationship {
        properties = Map.copyOf(properties);
    }
}

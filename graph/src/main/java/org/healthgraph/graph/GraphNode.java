package org.healthgraph.graph;

import java.util.Map;
import java.util.Optional;

/**
 * A node as read from the store: its reference and an immutable copy of its properties.
 *
 * @param ref label and key
 * @param properties all properties, including the key property
 */
public record GraphNode(NodeRef ref, Map<String, Object> properties) {

    public GraphNode {
        properties = Map.copyOf(properties);
    }

    public Optional<Object> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public Optional<String> string(String name) {
        return property(name).map(Object::toString);
    }
}

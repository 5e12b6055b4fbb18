package org.healthgraph.graph;

import java.util.List;

/**
 * A path: its nodes in order, and the relationship of each hop ({@code hops().size() ==
 * nodes().size() - 1}). A relationship may point against the walking direction.
 */
public record GraphPath(List<GraphNode> nodes, List<GraphRelationship> hops) {

    public GraphPath {
        nodes = List.copyOf(nodes);
        hops = List.copyOf(hops);
        if (nodes.isEmpty() || hops.size() != nodes.size() - 1) {
            throw new IllegalArgumentException("a path of " + nodes.size() + " nodes needs " + (nodes.size() - 1) + " hops");
        }
    }

    public int length() {
        return hops.size();
    }
}

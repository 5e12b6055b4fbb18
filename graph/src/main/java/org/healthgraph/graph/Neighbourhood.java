package org.healthgraph.graph;

import java.util.List;

/** The nodes within a number of hops of a centre node, and the relationships between them. */
public record Neighbourhood(NodeRef centre, List<GraphNode> nodes, List<GraphRelationship> relationships) {

    public Neighbourhood {
        nodes = List.copyOf(nodes);
        relationships = List.copyOf(relationships);
    }
}

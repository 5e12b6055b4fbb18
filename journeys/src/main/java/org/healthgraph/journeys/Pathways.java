package org.healthgraph.journeys;

import java.util.List;

/**
 * Pathways as a Sankey diagram: nodes are (step, category label) with the number of patients at
 * that step in that category; links join consecutive steps. Counts are suppressed below threshold.
 */
public record Pathways(List<Node> nodes, List<Link> links) {

    /** A category at a step (step 1 is the first after the index). */
    public record Node(String id, int step, String label, SuppressedCount patients) {
    }

    /** Patients going from one node to the next. */
    public record Link(String source, String target, SuppressedCount patients) {
    }
}

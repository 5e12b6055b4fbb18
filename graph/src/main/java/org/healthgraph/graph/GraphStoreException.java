package org.healthgraph.graph;

/**
 * A failure of the graph store, with a message fit for an operator: it names the setting, the
 * node key or the rule at fault, and never carries patient-level data.
 */
public class GraphStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GraphStoreException(String message) {
        super(message);
    }

    public GraphStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.healthgraph.graph;

/**
 * The root of the graph module's failures, with a message fit for an operator: it names the
 * setting, the node key or the rule at fault, and never carries patient-level data. Its kind says
 * what happened ({@link GraphUnavailableException}: {@link ErrorKind#UNAVAILABLE};
 * {@link ConstraintViolationException}: {@link ErrorKind#CONFLICT}; otherwise
 * {@link ErrorKind#INTERNAL} unless given).
 */
public class GraphStoreException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public GraphStoreException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public GraphStoreException(String message) {
        super(ErrorKind.INTERNAL, message, null);
    }

    public GraphStoreException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INTERNAL), message, cause);
    }
}

package org.healthgraph.graph;

/** The graph database cannot be reached or opened; the message names the setting to change. */
public final class GraphUnavailableException extends GraphStoreException {

    private static final long serialVersionUID = 1L;

    public GraphUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, message, cause);
    }
}

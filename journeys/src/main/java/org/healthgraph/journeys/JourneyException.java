package org.healthgraph.journeys;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the journeys module's failures; the message names the argument, field or file and the
 * rule. A bad query is an {@link InvalidQueryException}.
 */
public class JourneyException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public JourneyException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public JourneyException(ErrorKind kind, String message) {
        super(kind, message, null);
    }

    /** A fault of the module itself ({@link ErrorKind#INTERNAL}). */
    public JourneyException(String message) {
        super(ErrorKind.INTERNAL, message, null);
    }

    /** A failure caused by another: of its kind when it has one, else {@link ErrorKind#INTERNAL}. */
    public JourneyException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INTERNAL), message, cause);
    }
}

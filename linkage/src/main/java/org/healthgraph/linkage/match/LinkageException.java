package org.healthgraph.linkage.match;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the linkage module's failures: a linkage configuration or input is unusable
 * ({@link ErrorKind#INVALID_INPUT} unless given). Messages name the file, line, column, field or
 * rule at fault, never a patient-level value.
 */
public class LinkageException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public LinkageException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public LinkageException(String message) {
        super(ErrorKind.INVALID_INPUT, message, null);
    }

    /** A failure caused by another: of its kind when it has one, else {@link ErrorKind#INVALID_INPUT}. */
    public LinkageException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INVALID_INPUT), message, cause);
    }
}

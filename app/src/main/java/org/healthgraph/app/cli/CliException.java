package org.healthgraph.app.cli;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * A command failed for a reason its message explains fully (no stack trace is shown): a bad
 * argument or file ({@link ErrorKind#INVALID_INPUT}) unless another kind is given.
 */
public final class CliException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public CliException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public CliException(String message) {
        super(ErrorKind.INVALID_INPUT, message, null);
    }

    /** A failure caused by another: of its kind when it has one, else {@link ErrorKind#INVALID_INPUT}. */
    public CliException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INVALID_INPUT), message, cause);
    }
}

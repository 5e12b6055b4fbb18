package org.healthgraph.app.cli;

/** A command failed for a reason its message explains fully (no stack trace is shown). */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}

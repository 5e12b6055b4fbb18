package org.healthgraph.linkage.match;

/**
 * A linkage configuration or input is unusable. Messages name the file, line, column, field or
 * rule at fault, never a patient-level value.
 */
public final class LinkageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LinkageException(String message) {
        super(message);
    }

    public LinkageException(String message, Throwable cause) {
        super(message, cause);
    }
}

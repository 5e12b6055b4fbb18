package org.healthgraph.graph;

/** A write that would break a uniqueness constraint or refer to a node that does not exist. */
public final class ConstraintViolationException extends GraphStoreException {

    private static final long serialVersionUID = 1L;

    public ConstraintViolationException(String message, Throwable cause) {
        super(ErrorKind.CONFLICT, message, cause);
    }
}

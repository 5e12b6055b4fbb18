package org.healthgraph.linkage.pseudonym;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.linkage.match.LinkageException;

/**
 * A pseudonymisation input or key was unusable. Messages name the field and the rule, never the
 * value: an identifier must not leak into a log through an error.
 */
public final class PseudonymException extends LinkageException {

    private static final long serialVersionUID = 1L;

    public PseudonymException(String message) {
        super(message);
    }

    public PseudonymException(String message, Throwable cause) {
        super(message, cause);
    }

    public PseudonymException(ErrorKind kind, String message) {
        super(kind, message, null);
    }
}

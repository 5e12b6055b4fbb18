package org.healthgraph.linkage.pseudonym;

/**
 * A pseudonymisation input or key was unusable. Messages name the field and the rule, never the
 * value: an identifier must not leak into a log through an error.
 */
public final class PseudonymException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PseudonymException(String message) {
        super(message);
    }

    public PseudonymException(String message, Throwable cause) {
        super(message, cause);
    }
}

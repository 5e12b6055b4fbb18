package org.healthgraph.catalog.search;

import org.healthgraph.catalog.CatalogException;
import org.healthgraph.graph.ErrorKind;

/**
 * A search request that cannot be served. A bad argument is {@link ErrorKind#INVALID_INPUT} and its
 * message names the argument and the rule; an index that cannot be read or written is
 * {@link ErrorKind#INTERNAL} (or {@link ErrorKind#UNAVAILABLE} when closed), and its message is for
 * the operator only. Messages never carry patient data.
 */
public class SearchException extends CatalogException {
    private static final long serialVersionUID = 1L;

    /** A bad argument ({@link ErrorKind#INVALID_INPUT}). */
    public SearchException(String message) {
        super(ErrorKind.INVALID_INPUT, message);
    }

    /** An index failure: of the cause's kind when it has one, else {@link ErrorKind#INTERNAL}. */
    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }

    public SearchException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}

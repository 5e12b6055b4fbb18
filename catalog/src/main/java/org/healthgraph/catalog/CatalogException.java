package org.healthgraph.catalog;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the catalog module's failures, with a message that names the value, the file or the
 * rule at fault. Subclasses tell a caller's mistake ({@link InvalidCatalogInputException}) from a
 * missing entry ({@link UnknownCatalogEntryException}); search failures are
 * {@link org.healthgraph.catalog.search.SearchException}s.
 */
public class CatalogException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public CatalogException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public CatalogException(ErrorKind kind, String message) {
        super(kind, message, null);
    }

    /** A caller's mistake ({@link ErrorKind#INVALID_INPUT}). */
    public CatalogException(String message) {
        super(ErrorKind.INVALID_INPUT, message, null);
    }

    /** A failure caused by another: of its kind when it has one, else {@link ErrorKind#INTERNAL}. */
    public CatalogException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INTERNAL), message, cause);
    }
}

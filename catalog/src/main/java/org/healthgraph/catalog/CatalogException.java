package org.healthgraph.catalog;

/**
 * A failure of the catalog, with a message that names the value, the file or the rule at fault.
 * Subclasses tell a caller's mistake ({@link InvalidCatalogInputException}) from a missing entry
 * ({@link UnknownCatalogEntryException}).
 */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}

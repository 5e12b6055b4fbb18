package org.healthgraph.catalog;

/** An identifier, argument or input file that breaks a rule; the message names the value and the rule. */
public final class InvalidCatalogInputException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public InvalidCatalogInputException(String message) {
        super(message);
    }

    public InvalidCatalogInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

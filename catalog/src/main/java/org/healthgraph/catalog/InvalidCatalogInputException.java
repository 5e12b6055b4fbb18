package org.healthgraph.catalog;

import org.healthgraph.graph.ErrorKind;

/** An identifier, argument or input file that breaks a rule; the message names the value and the rule. */
public final class InvalidCatalogInputException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public InvalidCatalogInputException(String message) {
        super(ErrorKind.INVALID_INPUT, message);
    }

    public InvalidCatalogInputException(String message, Throwable cause) {
        super(ErrorKind.INVALID_INPUT, message, cause);
    }
}

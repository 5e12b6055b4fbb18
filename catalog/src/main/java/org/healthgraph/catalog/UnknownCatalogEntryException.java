package org.healthgraph.catalog;

import org.healthgraph.graph.ErrorKind;

/** A table, variable, code list or code that the catalog does not hold. */
public final class UnknownCatalogEntryException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public UnknownCatalogEntryException(String message) {
        super(ErrorKind.NOT_FOUND, message);
    }
}

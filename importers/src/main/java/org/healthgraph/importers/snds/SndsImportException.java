package org.healthgraph.importers.snds;

import org.healthgraph.importers.ImportException;

/** An extract cannot be read: the message names the table file, column or line and the rule. */
public final class SndsImportException extends ImportException {

    private static final long serialVersionUID = 1L;

    public SndsImportException(String message) {
        super(message);
    }

    public SndsImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.healthgraph.importers.snds;

/** An extract cannot be read: the message names the table file, column or line and the rule. */
public final class SndsImportException extends RuntimeException {

    public SndsImportException(String message) {
        super(message);
    }

    public SndsImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

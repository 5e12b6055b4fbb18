package org.healthgraph.catalog.search;

/**
 * A search request that cannot be served (bad argument, unreadable index). Its message names the
 * argument and the rule; it never carries patient data.
 */
public class SearchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}

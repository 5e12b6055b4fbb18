package org.healthgraph.importers;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the importers' own failures (catalog imports raise the catalog's exceptions): an
 * input that cannot be read, {@link ErrorKind#INVALID_INPUT} unless a cause says otherwise. The
 * message names the file, line, column or field and the rule, never a patient-level value.
 */
public class ImportException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public ImportException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public ImportException(String message) {
        super(ErrorKind.INVALID_INPUT, message, null);
    }

    /** A failure caused by another: of its kind when it has one, else {@link ErrorKind#INVALID_INPUT}. */
    public ImportException(String message, Throwable cause) {
        super(kindOf(cause, ErrorKind.INVALID_INPUT), message, cause);
    }
}

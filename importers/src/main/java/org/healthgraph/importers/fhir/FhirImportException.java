package org.healthgraph.importers.fhir;

import org.healthgraph.importers.ImportException;

/** A FHIR file cannot be read: the message names the file and line and the rule. */
public final class FhirImportException extends ImportException {

    private static final long serialVersionUID = 1L;

    public FhirImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.healthgraph.importers.fhir;

/** A FHIR file cannot be read: the message names the file and line and the rule. */
public final class FhirImportException extends RuntimeException {

    public FhirImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

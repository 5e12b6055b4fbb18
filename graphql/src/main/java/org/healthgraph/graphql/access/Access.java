package org.healthgraph.graphql.access;

import org.healthgraph.graphql.errors.ClientError;

/** What one request may read; put in the GraphQL context by {@link AccessInterceptor}. */
public enum Access {

    /** The catalog and aggregate, suppressed counts: every caller. */
    CATALOG,

    /** Also patient-level data: callers with a listed patient-data token. */
    PATIENT_DATA;

    /** The GraphQL context key under which a request's access is kept. */
    public static final String CONTEXT_KEY = "healthgraph.access";

    /**
     * Fails with FORBIDDEN unless {@code granted} (CATALOG when absent) allows patient-level data.
     *
     * @param field the field asked for, named in the error
     */
    public static void requirePatientData(Access granted, String field) {
        if (granted != PATIENT_DATA) {
            throw ClientError.forbidden("field '" + field + "' returns patient-level data: send 'Authorization: Bearer"
                    + " <token>' with a token whose SHA-256 is listed in healthgraph.security.patient-data-token-hashes");
        }
    }
}

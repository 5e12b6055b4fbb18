package org.healthgraph.graphql.access;

/** What one request may read; put in the GraphQL context by {@link AccessInterceptor}. */
public enum Access {

    /** The catalog and aggregate, suppressed counts: every caller. */
    CATALOG,

    /** Also patient-level data: callers with a listed patient-data token. */
    PATIENT_DATA;

    /** The GraphQL context key under which a request's access is kept. */
    public static final String CONTEXT_KEY = "healthgraph.access";
}

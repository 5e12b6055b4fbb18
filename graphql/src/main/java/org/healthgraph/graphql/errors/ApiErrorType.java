package org.healthgraph.graphql.errors;

import graphql.ErrorClassification;

/**
 * The error classifications this API adds to Spring for GraphQL's {@code ErrorType}
 * ({@code BAD_REQUEST}, {@code NOT_FOUND}, {@code FORBIDDEN}, {@code INTERNAL_ERROR}), for the kinds
 * that have none there.
 */
public enum ApiErrorType implements ErrorClassification {
    /** The request collides with the current state (a stale version, a duplicate); retrying as is will fail again. */
    CONFLICT,
    /** Something the request needs is not there now (an index being built, the database down); retry later. */
    UNAVAILABLE
}

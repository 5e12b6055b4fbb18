package org.healthgraph.graph;

/**
 * What kind of failure an exception reports, whatever module raised it. Each kind has one meaning
 * at every door: one GraphQL error classification, one HTTP status, one command-line message form.
 */
public enum ErrorKind {
    /** The caller's input breaks a rule; the message names the file, line, field or argument and the rule. */
    INVALID_INPUT,
    /** What the caller named does not exist; the message names it. */
    NOT_FOUND,
    /** The caller is not allowed to do or read this; the message says what is refused, never why in detail. */
    FORBIDDEN,
    /** The request collides with the current state (a duplicate key, a stale version, a running job). */
    CONFLICT,
    /** A resource the request needs is not there now (database down, index being built); retrying later may work. */
    UNAVAILABLE,
    /** A fault of healthgraph or its infrastructure; the message is for the operator's log only, never for a client. */
    INTERNAL
}

package org.healthgraph.graphql.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request, as the audit trail names them, and what they may read; put in the GraphQL
 * context by {@link AccessInterceptor} under {@link #CONTEXT_KEY}.
 *
 * @param actor  {@code token:<first 12 hex digits of the token's SHA-256>} for a listed patient-data
 *               token, {@code anonymous@<client address>} otherwise; never a secret
 * @param access what the request may read
 */
public record Caller(String actor, Access access) {

    /** The GraphQL context key under which a request's caller is kept. */
    public static final String CONTEXT_KEY = "healthgraph.caller";

    /** The caller of a request that went through no interceptor (tests of a bare schema): anonymous, catalog only. */
    public static final Caller UNKNOWN = new Caller("anonymous", Access.CATALOG);

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
    }

    /** Whether the caller may read patient-level data (and exact, lower-threshold counts). */
    public boolean patientData() {
        return access == Access.PATIENT_DATA;
    }

    /**
     * The roles the caller holds, with those they include. Until identities exist (issue 13), a caller
     * with a patient-data token holds ANALYST, and every other caller RESEARCHER.
     */
    public Set<Role> roles() {
        return Role.closure(EnumSet.of(patientData() ? Role.ANALYST : Role.RESEARCHER));
    }

    /** {@code caller}, or {@link #UNKNOWN} when the context holds none. */
    public static Caller orUnknown(Caller caller) {
        return caller == null ? UNKNOWN : caller;
    }
}

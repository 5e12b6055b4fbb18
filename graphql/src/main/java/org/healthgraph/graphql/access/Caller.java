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
 * @param roles  the roles the caller holds, with those they include (see {@link #Caller(String, Access)})
 */
public record Caller(String actor, Access access, Set<Role> roles) {

    /** The GraphQL context key under which a request's caller is kept. */
    public static final String CONTEXT_KEY = "healthgraph.caller";

    /** The caller of a request that went through no interceptor (tests of a bare schema): anonymous, catalog only. */
    public static final Caller UNKNOWN = new Caller("anonymous", Access.CATALOG);

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
        roles = Set.copyOf(Role.closure(roles));
    }

    /**
     * A caller whose roles follow from its access, until identities exist (issue 13): a caller with a
     * patient-data token holds ANALYST, every other caller RESEARCHER.
     */
    public Caller(String actor, Access access) {
        this(actor, access, EnumSet.of(access == Access.PATIENT_DATA ? Role.ANALYST : Role.RESEARCHER));
    }

    /** Whether the caller may read patient-level data (and exact, lower-threshold counts). */
    public boolean patientData() {
        return access == Access.PATIENT_DATA;
    }

    /** {@code caller}, or {@link #UNKNOWN} when the context holds none. */
    public static Caller orUnknown(Caller caller) {
        return caller == null ? UNKNOWN : caller;
    }
}

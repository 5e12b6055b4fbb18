package org.healthgraph.graphql.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request, as the audit trail names them, and what they may read; made once per HTTP
 * request by the application's identification (a JWT, a listed API token, or nobody) and put in the
 * GraphQL context by {@link AccessInterceptor} under {@link #CONTEXT_KEY}.
 *
 * @param actor  {@code user:<name>} for a JWT's subject, {@code token:<first 12 hex digits of the
 *               token's SHA-256>} for a listed API token, {@code anonymous@<client address>} otherwise;
 *               never a secret
 * @param access what the request may read, following from the roles (ANALYST: patient-level data)
 * @param roles  the roles the caller holds, with those they include
 */
public record Caller(String actor, Access access, Set<Role> roles) {

    /** The GraphQL context key (and HTTP request attribute) under which a request's caller is kept. */
    public static final String CONTEXT_KEY = "healthgraph.caller";

    /**
     * The caller of a request that went through no identification (tests of a bare schema, without
     * the application's HTTP layer): anonymous, catalog only.
     */
    public static final Caller UNKNOWN = of("anonymous", EnumSet.of(Role.READER));

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
        roles = Set.copyOf(Role.closure(roles));
    }

    /** A caller holding {@code roles} (and those they include); patient-level access comes with ANALYST. */
    public static Caller of(String actor, Set<Role> roles) {
        Set<Role> all = Role.closure(roles);
        return new Caller(actor, all.contains(Role.ANALYST) ? Access.PATIENT_DATA : Access.CATALOG, all);
    }

    /** Whether the caller may read patient-level data (and exact, lower-threshold counts). */
    public boolean patientData() {
        return access == Access.PATIENT_DATA;
    }

    /** Whether the caller holds no role at all (an anonymous caller where anonymous access is off). */
    public boolean nobody() {
        return roles.isEmpty();
    }

    /** Whether the caller presented no credentials. */
    public boolean anonymous() {
        return actor.startsWith("anonymous");
    }

    /** {@code caller}, or {@link #UNKNOWN} when the context holds none. */
    public static Caller orUnknown(Caller caller) {
        return caller == null ? UNKNOWN : caller;
    }
}

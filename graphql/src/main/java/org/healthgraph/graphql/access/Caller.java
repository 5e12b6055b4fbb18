package org.healthgraph.graphql.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.journeys.ProjectCode;

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
 * @param grants the projects whose patient-level data the caller may read, with ANALYST
 */
public record Caller(String actor, Access access, Set<Role> roles, ProjectGrants grants) {

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
        Objects.requireNonNull(grants, "grants");
    }

    /** A caller holding {@code roles} (and those they include) and no project. */
    public static Caller of(String actor, Set<Role> roles) {
        return of(actor, roles, ProjectGrants.none());
    }

    /**
     * A caller holding {@code roles} (and those they include) and {@code grants}; patient-level access
     * comes with ANALYST, for the projects granted.
     */
    public static Caller of(String actor, Set<Role> roles, ProjectGrants grants) {
        Set<Role> all = Role.closure(roles);
        return new Caller(actor, all.contains(Role.ANALYST) ? Access.PATIENT_DATA : Access.CATALOG, all, grants);
    }

    /** Whether the caller holds the role of patient-level data (ANALYST), whatever its projects. */
    public boolean patientData() {
        return access == Access.PATIENT_DATA;
    }

    /**
     * Whether the caller may read patient-level data (and exact, lower-threshold counts) of the
     * patients of {@code scope}: ANALYST and a grant of that project; every patient (an empty scope)
     * needs a grant of every project.
     */
    public boolean patientData(Optional<ProjectCode> scope) {
        return patientData() && grants.covers(scope);
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

package org.healthgraph.app.web;

import java.util.List;
import java.util.Optional;

import org.healthgraph.graphql.access.Role;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The declared access policy of every HTTP endpoint of the application, in one table (docs/security.md,
 * Access): a path that no line declares is not served (404), so that a new endpoint cannot be left
 * open by mistake; a test lists every route the application has and fails when one is not declared.
 * Only SESSION, FIELDS and ROLE paths look at the caller's token; PUBLIC ones are served without.
 */
public final class EndpointPolicies {

    /** Who may call an endpoint. */
    public enum Gate {
        /** Anyone: the web application's shell and probes; they carry no data. */
        PUBLIC,
        /** Anyone may call it; the caller is identified (a refused token answers 401), and the answer says who it is. */
        SESSION,
        /** A caller holding a role (anonymous callers too where anonymous access is on); each GraphQL field's {@code @policy} decides what is answered. */
        FIELDS,
        /** Holders of a role (or of one that includes it). */
        ROLE
    }

    /** One line of the table: a path pattern, its gate, the role when the gate is ROLE, and why. */
    public record Policy(String pattern, Gate gate, Optional<Role> role, String why) {
        static Policy of(String pattern, Gate gate, String why) {
            return new Policy(pattern, gate, Optional.empty(), why);
        }

        static Policy role(String pattern, Role role, String why) {
            return new Policy(pattern, Gate.ROLE, Optional.of(role), why);
        }
    }

    /** The table, first match wins. */
    public static final List<Policy> DECLARED = List.of(
            Policy.of("/graphql", Gate.FIELDS, "the API: each field declares its role (@policy)"),
            Policy.role("/actuator", Role.ADMIN, "the list of the actuator's endpoints: operators only"),
            Policy.of("/actuator/health", Gate.PUBLIC, "status and index readiness for probes and the web page; no data, no paths"),
            Policy.of("/actuator/health/{*group}", Gate.PUBLIC, "liveness and readiness probes"),
            Policy.of("/actuator/info", Gate.PUBLIC, "the release"),
            Policy.role("/export/nomenclature/{file}", Role.READER, "a code list of the catalog as CSV"),
            Policy.role("/schemas/cohort-query.schema.json", Role.READER, "the JSON Schema of the cohort query format"),
            Policy.role("/graphiql", Role.READER, "the GraphQL explorer (redirect)"),
            Policy.role("/graphiql.html", Role.READER, "the GraphQL explorer"),
            Policy.of("/auth/login", Gate.PUBLIC, "the login: takes a user name and password, sets the session cookie"),
            Policy.of("/auth/token", Gate.PUBLIC, "tokens for machine clients (OAuth 2 password grant)"),
            Policy.of("/auth/logout", Gate.PUBLIC, "deletes the session cookie"),
            Policy.of("/auth/jwks", Gate.PUBLIC, "the public keys of the tokens this server issues"),
            Policy.of("/auth/me", Gate.SESSION, "who the caller is and which roles they hold"),
            Policy.of("/", Gate.PUBLIC, "the web application's shell; its data comes through /graphql"),
            Policy.of("/index.html", Gate.PUBLIC, "the web application's shell"),
            Policy.of("/assets/{*file}", Gate.PUBLIC, "the web application's scripts, styles and fonts"),
            Policy.of("/favicon.ico", Gate.PUBLIC, "the icon"),
            Policy.of("/error", Gate.PUBLIC, "the servlet container's error page of a refused or failed request"));

    private static final List<PathPattern> PATTERNS = DECLARED.stream()
            .map(p -> PathPatternParser.defaultInstance.parse(p.pattern())).toList();

    private EndpointPolicies() {
    }

    /** Whether a request to {@code path} identifies its caller (an undeclared path does not: it answers 404). */
    public static boolean identifies(String path) {
        return of(path).map(p -> p.gate() != Gate.PUBLIC).orElse(false);
    }

    /** The policy of {@code path} (relative to the application's context path); empty when none is declared. */
    public static Optional<Policy> of(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (int i = 0; i < PATTERNS.size(); i++) {
            if (PATTERNS.get(i).matches(container)) {
                return Optional.of(DECLARED.get(i));
            }
        }
        return Optional.empty();
    }
}

package org.healthgraph.app.identity;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.healthgraph.app.config.HealthgraphProperties.AnonymousAccess;
import org.healthgraph.graphql.access.AccessTokens;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.ProjectGrants;
import org.healthgraph.graphql.access.Role;
import org.healthgraph.journeys.JourneyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Makes the {@link Caller} of a request from what Spring Security authenticated: a JWT's user, roles
 * and projects ({@code user:<name>}; projects from the token's claim and from
 * {@code healthgraph.security.grants}), a listed API token ({@code token:<hash prefix>}, the role
 * ANALYST with every project), or nobody ({@code anonymous@<address>}, READER when
 * {@code healthgraph.security.anonymous} allows it, no role otherwise).
 */
public final class Identities {

    /** The prefix of the authorities that carry roles. */
    public static final String ROLE_PREFIX = "ROLE_";
    /** The prefix of the authorities that carry the projects a token's claim grants. */
    public static final String PROJECT_PREFIX = "PROJECT_";
    /** The setting of grants, named in messages. */
    public static final String GRANTS_SETTING = "healthgraph.security.grants";

    private final Set<Role> anonymousRoles;
    private final Map<String, ProjectGrants> grants;

    public Identities(AnonymousAccess anonymous) {
        this(anonymous, List.of());
    }

    /**
     * @param grants entries of {@value #GRANTS_SETTING}, each {@code user:PROJECT[+PROJECT...]} or
     *               {@code user:*}; a user listed twice holds the projects of both entries
     * @throws IllegalArgumentException naming the entry (by position) and the rule it breaks
     */
    public Identities(AnonymousAccess anonymous, List<String> grants) {
        this.anonymousRoles = anonymous == AnonymousAccess.READER ? EnumSet.of(Role.READER) : EnumSet.noneOf(Role.class);
        this.grants = parse(grants);
    }

    private static Map<String, ProjectGrants> parse(List<String> entries) {
        Map<String, ProjectGrants> out = new HashMap<>();
        int n = 0;
        for (String entry : entries) {
            n++;
            if (entry.isBlank()) {
                continue;
            }
            String where = GRANTS_SETTING + "[" + (n - 1) + "]";
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(where + ": an entry is user:PROJECT[+PROJECT...] or user:*, got one"
                        + (colon < 0 ? " without ':'" : colon == 0 ? " without a user name" : " without a project"));
            }
            String user = entry.substring(0, colon).strip();
            try {
                ProjectGrants g = ProjectGrants.of(List.of(entry.substring(colon + 1).split("\\+")), where);
                out.merge(user, g, ProjectGrants::and);
            } catch (JourneyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return Map.copyOf(out);
    }

    /** The caller {@code authentication} (null for none) names, from {@code address}. */
    public Caller caller(Authentication authentication, String address) {
        if (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
            return user(jwt.getName(), roles(jwt), claimed(jwt));
        }
        if (authentication instanceof ApiTokenAuthentication token && token.isAuthenticated()) {
            return Caller.of(token.getName(), EnumSet.of(Role.ANALYST), ProjectGrants.everyProject());
        }
        return Caller.of("anonymous@" + address, anonymousRoles);
    }

    /** A logged-in user with {@code roles}, the projects a token granted, and those the settings grant. */
    public Caller user(String name, Set<Role> roles, ProjectGrants fromToken) {
        return Caller.of("user:" + name, roles, fromToken.and(grants.getOrDefault(name, ProjectGrants.none())));
    }

    /** Whether a caller without a token may read the catalog. */
    public boolean anonymousAllowed() {
        return !anonymousRoles.isEmpty();
    }

    private static Set<Role> roles(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(ROLE_PREFIX)) {
                roles.add(Role.valueOf(name.substring(ROLE_PREFIX.length())));
            }
        }
        return roles;
    }

    private static ProjectGrants claimed(Authentication authentication) {
        List<String> codes = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(PROJECT_PREFIX)).map(a -> a.substring(PROJECT_PREFIX.length())).toList();
        return ProjectGrants.of(codes, "the token's projects");
    }

    /** The actor name of an API token: the first digits of its hash, never the token. */
    public static String tokenActor(String token) {
        return "token:" + AccessTokens.hash(token).substring(0, 12);
    }
}

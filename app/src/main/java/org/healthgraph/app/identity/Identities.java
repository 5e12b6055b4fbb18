package org.healthgraph.app.identity;

import java.util.EnumSet;
import java.util.Set;

import org.healthgraph.app.config.HealthgraphProperties.AnonymousAccess;
import org.healthgraph.graphql.access.AccessTokens;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Makes the {@link Caller} of a request from what Spring Security authenticated: a JWT's user and
 * roles ({@code user:<name>}), a listed API token ({@code token:<hash prefix>}, the role ANALYST), or
 * nobody ({@code anonymous@<address>}, READER when {@code healthgraph.security.anonymous} allows it,
 * no role otherwise).
 */
public final class Identities {

    /** The prefix of the authorities that carry roles. */
    public static final String ROLE_PREFIX = "ROLE_";

    private final Set<Role> anonymousRoles;

    public Identities(AnonymousAccess anonymous) {
        this.anonymousRoles = anonymous == AnonymousAccess.READER ? EnumSet.of(Role.READER) : EnumSet.noneOf(Role.class);
    }

    /** The caller {@code authentication} (null for none) names, from {@code address}. */
    public Caller caller(Authentication authentication, String address) {
        if (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
            return Caller.of("user:" + jwt.getName(), roles(jwt));
        }
        if (authentication instanceof ApiTokenAuthentication token && token.isAuthenticated()) {
            return Caller.of(token.getName(), EnumSet.of(Role.ANALYST));
        }
        return Caller.of("anonymous@" + address, anonymousRoles);
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

    /** The actor name of an API token: the first digits of its hash, never the token. */
    public static String tokenActor(String token) {
        return "token:" + AccessTokens.hash(token).substring(0, 12);
    }
}

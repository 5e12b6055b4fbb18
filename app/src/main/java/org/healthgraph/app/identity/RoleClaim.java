package org.healthgraph.app.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.healthgraph.graphql.access.Role;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the roles of a token from a configurable claim, a dotted path for nested claims
 * ({@code roles}; Keycloak's realm roles: {@code realm_access.roles}). The claim must be a list of
 * strings; names that are not roles of healthgraph (Keycloak's {@code offline_access}, ...) are
 * ignored; an absent claim holds no role; a claim of another shape refuses the token.
 */
public final class RoleClaim {

    private final ListClaim claim;

    public RoleClaim(String path) {
        this.claim = new ListClaim(path, "healthgraph.security.roles-claim", "role names");
    }

    /**
     * @throws InvalidBearerTokenException when the claim, or an object on its path, is of another shape
     */
    public Set<Role> roles(Map<String, Object> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : claim.values(claims)) {
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException notOurs) {
                // another application's role: not ours to grant
            }
        }
        return roles;
    }
}

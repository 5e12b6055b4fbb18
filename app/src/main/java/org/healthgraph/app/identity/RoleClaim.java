package org.healthgraph.app.identity;

import java.util.Collection;
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

    private final String path;
    private final String[] segments;

    public RoleClaim(String path) {
        this.path = path.strip();
        this.segments = this.path.split("\\.");
    }

    /**
     * @throws InvalidBearerTokenException when the claim, or an object on its path, is of another shape
     */
    public Set<Role> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String segment : segments) {
            if (value == null) {
                return Set.of();
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw wrongShape("an object on its path is " + shape(value));
            }
            value = object.get(segment);
        }
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Collection<?> names)) {
            throw wrongShape("it is " + shape(value));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            if (!(name instanceof String text)) {
                throw wrongShape("it holds " + shape(name));
            }
            try {
                roles.add(Role.valueOf(text.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException notOurs) {
                // another application's role: not ours to grant
            }
        }
        return roles;
    }

    private InvalidBearerTokenException wrongShape(String found) {
        return new InvalidBearerTokenException("the token's claim '" + path + "' (healthgraph.security.roles-claim) must be"
                + " a list of role names; " + found);
    }

    private static String shape(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case Collection<?> c -> "a list";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            default -> "a value of another kind";
        };
    }
}

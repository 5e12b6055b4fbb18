package org.healthgraph.app.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A token's claim that holds a list of strings, found by a configurable dotted path for nested
 * claims ({@code roles}; Keycloak's realm roles: {@code realm_access.roles}). An absent claim is an
 * empty list; a claim of another shape refuses the token, naming the claim and its setting.
 */
final class ListClaim {

    private final String path;
    private final String[] segments;
    private final String setting;
    private final String what;

    /**
     * @param path    the claim's dotted path
     * @param setting the setting that names it, for messages
     * @param what    what the list holds, for messages ("role names")
     */
    ListClaim(String path, String setting, String what) {
        this.path = path.strip();
        this.segments = this.path.split("\\.");
        this.setting = setting;
        this.what = what;
    }

    /**
     * @throws InvalidBearerTokenException when the claim, or an object on its path, is of another shape
     */
    List<String> values(Map<String, Object> claims) {
        Object value = claims;
        for (String segment : segments) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw wrongShape("an object on its path is " + shape(value));
            }
            value = object.get(segment);
        }
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Collection<?> items)) {
            throw wrongShape("it is " + shape(value));
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw wrongShape("it holds " + shape(item));
            }
            out.add(text.strip());
        }
        return out;
    }

    private InvalidBearerTokenException wrongShape(String found) {
        return new InvalidBearerTokenException("the token's claim '" + path + "' (" + setting + ") must be a list of "
                + what + "; " + found);
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

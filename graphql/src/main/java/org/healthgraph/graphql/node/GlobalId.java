package org.healthgraph.graphql.node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import org.healthgraph.graphql.errors.ClientError;

/**
 * A global id: the GraphQL type name and the object's stable key, encoded as one opaque string
 * ({@code base64url("Table:ER_PHA_F")}). Clients must not parse it.
 *
 * @param type GraphQL type name, such as {@code Table}
 * @param key the object's key within its type, such as {@code ER_PHA_F}
 */
public record GlobalId(String type, String key) {

    public GlobalId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (!type.matches("[A-Z][A-Za-z]{0,40}")) {
            throw new IllegalArgumentException("type of a global id must be a GraphQL type name, got '" + type + "'");
        }
    }

    /** The opaque form. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static String of(String type, String key) {
        return new GlobalId(type, key).encode();
    }

    /**
     * Reads an opaque id.
     *
     * @throws ClientError BAD_REQUEST naming the argument when it is not an id of this API
     */
    public static GlobalId decode(String id) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException();
            }
            return new GlobalId(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("argument 'id' is not an id returned by this API: '" + abbreviate(id) + "'");
        }
    }

    private static String abbreviate(String id) {
        return id.length() <= 60 ? id : id.substring(0, 60) + "…";
    }
}

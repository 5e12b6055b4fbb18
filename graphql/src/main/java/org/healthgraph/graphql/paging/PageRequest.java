package org.healthgraph.graphql.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.healthgraph.graphql.errors.ClientError;

/**
 * A validated page request: {@code first} items after the cursor {@code after}.
 *
 * @param offset index of the first item of the page
 * @param limit number of items asked for
 */
public record PageRequest(int offset, int limit) {

    /** Page size when the client gives none. */
    public static final int DEFAULT_FIRST = 20;
    /** Largest page size any field accepts. */
    public static final int MAX_FIRST = 100;

    private static final String PREFIX = "o:";

    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /**
     * Reads the {@code first} and {@code after} arguments of a connection field.
     *
     * @throws ClientError BAD_REQUEST naming the argument and the rule
     */
    public static PageRequest of(Integer first, String after) {
        int size = first == null ? DEFAULT_FIRST : first;
        if (size < 0 || size > MAX_FIRST) {
            throw ClientError.badRequest("argument 'first' must be between 0 and " + MAX_FIRST + ", got " + size);
        }
        return new PageRequest(after == null || after.isEmpty() ? 0 : decode(after) + 1, size);
    }

    /** The opaque cursor of the item at {@code index}. */
    public static String cursor(long index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException();
            }
            int index = Integer.parseInt(text.substring(PREFIX.length()));
            if (index < 0) {
                throw new IllegalArgumentException();
            }
            return index;
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("argument 'after' is not a cursor returned by this API: '" + cursor + "'");
        }
    }
}

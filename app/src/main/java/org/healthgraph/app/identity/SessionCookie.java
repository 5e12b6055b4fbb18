package org.healthgraph.app.identity;

import java.time.Duration;

import org.springframework.http.ResponseCookie;

/**
 * The cookie in which the web interface keeps its token after logging in: HttpOnly (no script reads
 * it), SameSite=Strict (no other site's page sends it, which is the defence against cross-site
 * request forgery of a stateless API), Secure when the request came over HTTPS, path /.
 */
public final class SessionCookie {

    /** The cookie's name. */
    public static final String NAME = "healthgraph_session";

    private SessionCookie() {
    }

    /** The cookie holding {@code token} for {@code maxAge}. */
    public static String set(String token, Duration maxAge, boolean secure) {
        return ResponseCookie.from(NAME, token).httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(maxAge).build().toString();
    }

    /** The header that deletes the cookie. */
    public static String clear(boolean secure) {
        return ResponseCookie.from(NAME, "").httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(Duration.ZERO).build().toString();
    }
}

package org.healthgraph.app.identity;

import java.util.function.Predicate;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request's token is: the {@code Authorization: Bearer} header (machine clients, the
 * explorer), else the web interface's {@link SessionCookie}. Paths that carry no data (the page's
 * shell, its assets, the probes, the login itself) are served without looking at either, so that an
 * expired cookie never stops the login page from loading.
 */
public final class BearerTokens implements BearerTokenResolver {

    /** The request attribute set when the token came from the cookie (so a refusal also deletes the cookie). */
    public static final String FROM_COOKIE = "healthgraph.token-from-cookie";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final Predicate<String> identified;

    /** @param identified whether a path (relative to the context path) identifies its caller */
    public BearerTokens(Predicate<String> identified) {
        this.identified = identified;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!identified.test(path.isEmpty() ? "/" : path)) {
            return null;
        }
        String token = header.resolve(request);
        if (token != null) {
            return token;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SessionCookie.NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    request.setAttribute(FROM_COOKIE, Boolean.TRUE);
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}

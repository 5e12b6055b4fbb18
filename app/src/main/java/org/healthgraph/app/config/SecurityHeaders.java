package org.healthgraph.app.config;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every HTTP response: a Content-Security-Policy that allows no inline
 * script and nothing from another origin (the web interface and its explorer are built into the
 * jar), no framing (clickjacking), no content-type sniffing, and no referrer sent elsewhere.
 */
public final class SecurityHeaders implements Filter {

    /** The policy: only this origin's scripts, styles, images and connections; no plugins, no framing, no base or form elsewhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** The page of the GraphQL explorer (ui's graphiql.html, which {@code /graphiql} redirects to). */
    public static final String EXPLORER_PAGE = "/graphiql.html";

    /**
     * The explorer page's policy: the same, except that its editor (Monaco, inside GraphiQL) writes
     * its themes and layout as {@code <style>} elements at run time and GraphiQL's stylesheet embeds
     * its fonts as data: URLs, so styles may be inline and fonts data: there. Scripts stay this
     * origin's only; the web interface's own pages keep the strict policy.
     */
    public static final String EXPLORER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
            .replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
            .replace("font-src 'self';", "font-src 'self' data:;");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            boolean explorer = request instanceof HttpServletRequest r
                    && r.getRequestURI().equals(r.getContextPath() + EXPLORER_PAGE);
            http.setHeader("Content-Security-Policy", explorer ? EXPLORER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "no-referrer");
            http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        }
        chain.doFilter(request, response);
    }
}

package org.healthgraph.app.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * The answer to a request without valid credentials: 401, {@code WWW-Authenticate: Bearer} (with
 * {@code error="invalid_token"} and the reason when a token was refused), and a JSON body
 * {@code {"error", "message"}}. A refused token is a failed login on the audit trail (named by the
 * first digits of its hash, never itself); a refused cookie is deleted so the browser shows the login
 * page.
 */
public final class Unauthorized implements AuthenticationEntryPoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditTrail audit;
    private final BearerTokens tokens;

    public Unauthorized(AuditTrail audit, BearerTokens tokens) {
        this.audit = audit;
        this.tokens = tokens;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean refusedToken = failure instanceof InvalidBearerTokenException;
        String message = refusedToken ? failure.getMessage()
                : "this server needs a logged-in caller: log in at /auth/login (web) or send a token (Authorization: Bearer)";
        if (refusedToken) {
            String token = tokens.resolve(request);
            String actor = token == null ? "token" : Identities.tokenActor(token);
            audit.record(AuditEvent.refused(actor + " from " + request.getRemoteAddr(), AuditAction.LOGIN_FAILURE,
                    request.getRequestURI(), message));
            if (Boolean.TRUE.equals(request.getAttribute(BearerTokens.FROM_COOKIE))) {
                response.addHeader("Set-Cookie", SessionCookie.clear(request.isSecure()));
            }
        }
        write(response, refusedToken ? "Bearer error=\"invalid_token\", error_description=\"" + message.replace('"', '\'') + "\""
                : "Bearer", refusedToken ? "invalid_token" : "unauthenticated", message);
    }

    /** Writes a 401 with this challenge and body. */
    public static void write(HttpServletResponse response, String challenge, String error, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", challenge);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}

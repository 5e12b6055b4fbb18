package org.healthgraph.app.web;

import java.io.IOException;
import java.util.Optional;

import org.healthgraph.app.identity.Identities;
import org.healthgraph.app.identity.Unauthorized;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies {@link EndpointPolicies} to every request, after Spring Security has checked its token:
 * an undeclared path answers 404 without reaching a handler; on other paths but PUBLIC ones the
 * caller is made once ({@link Identities}) and kept as the request attribute {@link Caller#CONTEXT_KEY}
 * (GraphQL reads it from there); an anonymous caller holding no role (anonymous access off) gets 401
 * on FIELDS and ROLE paths, a
 * caller without the path's role 403 (audited).
 */
public final class EndpointPolicyFilter extends OncePerRequestFilter {

    private final Identities identities;
    private final AuditTrail audit;

    public EndpointPolicyFilter(Identities identities, AuditTrail audit) {
        this.identities = identities;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<EndpointPolicies.Policy> policy = EndpointPolicies.of(path.isEmpty() ? "/" : path);
        if (policy.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        EndpointPolicies.Gate gate = policy.get().gate();
        if (gate != EndpointPolicies.Gate.PUBLIC) {
            Caller caller = identities.caller(SecurityContextHolder.getContext().getAuthentication(), request.getRemoteAddr());
            request.setAttribute(Caller.CONTEXT_KEY, caller);
            if (caller.anonymous() && caller.nobody() && gate != EndpointPolicies.Gate.SESSION) {
                Unauthorized.write(response, "Bearer", "unauthenticated", "this server needs a logged-in caller: log in at"
                        + " /auth/login (web) or send a token (Authorization: Bearer); see docs/security.md");
                return;
            }
            if (gate == EndpointPolicies.Gate.ROLE && !caller.roles().contains(policy.get().role().orElseThrow())) {
                audit.record(AuditEvent.refused(caller.actor(), AuditAction.ACCESS_DENIED, policy.get().pattern(),
                        "needs the role " + policy.get().role().orElseThrow()));
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}

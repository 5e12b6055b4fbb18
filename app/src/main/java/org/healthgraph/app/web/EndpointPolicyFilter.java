package org.healthgraph.app.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.Callers;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies {@link EndpointPolicies} to every request: an undeclared path answers 404 without reaching
 * a handler, a ROLE path answers 403 (audited) to a caller without the role, PUBLIC and FIELDS paths go
 * on (GraphQL checks each field itself).
 */
public final class EndpointPolicyFilter extends OncePerRequestFilter {

    private final Callers callers;
    private final AuditTrail audit;

    public EndpointPolicyFilter(Callers callers, AuditTrail audit) {
        this.callers = callers;
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
        if (policy.get().gate() == EndpointPolicies.Gate.ROLE) {
            Caller caller = callers.identify(request.getHeader("Authorization"),
                    new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()));
            if (!caller.roles().contains(policy.get().role().orElseThrow())) {
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

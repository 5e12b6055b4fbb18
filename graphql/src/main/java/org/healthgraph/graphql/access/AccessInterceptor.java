package org.healthgraph.graphql.access;

import java.net.InetSocketAddress;
import java.util.List;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Reads the request's {@code Authorization: Bearer <token>} header and puts the request's
 * {@link Access} and {@link Caller} in the GraphQL context: PATIENT_DATA for a listed token, CATALOG
 * otherwise (no header, another scheme, an unknown token). A request is never refused here: only the
 * patient-level fields it asks for fail, with FORBIDDEN, and the rest of the answer is served. An
 * unknown token is a failed login: it is audited (by the first digits of its hash, never itself).
 */
public final class AccessInterceptor implements WebGraphQlInterceptor {

    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;
    private final AuditTrail audit;

    public AccessInterceptor(List<String> hashes, AuditTrail audit) {
        this.tokens = AccessTokens.of(hashes);
        this.audit = audit;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String header = request.getHeaders().getFirst("Authorization");
        boolean bearer = header != null && header.length() > BEARER.length()
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String token = bearer ? header.substring(BEARER.length()).strip() : "";
        boolean granted = bearer && tokens.grantsPatientData(token);
        Access access = granted ? Access.PATIENT_DATA : Access.CATALOG;
        Caller caller = new Caller(granted ? tokenActor(token) : anonymous(request.getRemoteAddress()), access);
        if (bearer && !granted) {
            audit.record(AuditEvent.refused(tokenActor(token) + " from " + address(request.getRemoteAddress()),
                    AuditAction.LOGIN_FAILURE, "Authorization", "a bearer token that is not listed in " + AccessTokens.SETTING));
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
            context.put(Access.CONTEXT_KEY, access);
            context.put(Caller.CONTEXT_KEY, caller);
        }).build());
        return chain.next(request);
    }

    private static String tokenActor(String token) {
        return "token:" + AccessTokens.hash(token).substring(0, 12);
    }

    private static String anonymous(InetSocketAddress remote) {
        return "anonymous@" + address(remote);
    }

    private static String address(InetSocketAddress remote) {
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress();
    }
}

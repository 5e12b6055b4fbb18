package org.healthgraph.graphql.access;

import java.net.InetSocketAddress;
import java.util.List;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;

/**
 * Tells who sent a request from its {@code Authorization} header: a listed patient-data token makes
 * a caller with PATIENT_DATA access (named by the first digits of the token's hash), anything else an
 * anonymous caller (named by the client address). An unknown bearer token is a failed login, audited
 * by the first digits of its hash, never itself. Used by the GraphQL interceptor and the HTTP
 * endpoint policy alike, so that both name callers the same way.
 */
public final class Callers {

    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;
    private final AuditTrail audit;

    public Callers(List<String> hashes, AuditTrail audit) {
        this.tokens = AccessTokens.of(hashes);
        this.audit = audit;
    }

    /** The caller of a request with this header (null when absent) from this address (null when unknown). */
    public Caller identify(String header, InetSocketAddress remote) {
        boolean bearer = header != null && header.length() > BEARER.length()
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String token = bearer ? header.substring(BEARER.length()).strip() : "";
        boolean granted = bearer && tokens.grantsPatientData(token);
        if (bearer && !granted) {
            audit.record(AuditEvent.refused(tokenActor(token) + " from " + address(remote), AuditAction.LOGIN_FAILURE,
                    "Authorization", "a bearer token that is not listed in " + AccessTokens.SETTING));
        }
        return granted ? new Caller(tokenActor(token), Access.PATIENT_DATA) : new Caller("anonymous@" + address(remote), Access.CATALOG);
    }

    private static String tokenActor(String token) {
        return "token:" + AccessTokens.hash(token).substring(0, 12);
    }

    private static String address(InetSocketAddress remote) {
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress();
    }
}

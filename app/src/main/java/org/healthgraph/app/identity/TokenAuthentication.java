package org.healthgraph.app.identity;

import java.util.ArrayList;
import java.util.List;

import org.healthgraph.graphql.access.AccessTokens;
import org.healthgraph.graphql.access.Role;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a bearer token: a JWT (three dot-separated parts) is checked by the decoder (the
 * local issuer's key or the identity provider's key set: signature, issuer, audience, time) and its
 * roles read from the role claim; another token must be one of the listed API tokens. Anything
 * else is refused with a reason that names the rule, never the token.
 */
public final class TokenAuthentication implements AuthenticationManager {

    private final JwtDecoder decoder;
    private final RoleClaim roleClaim;
    private final String usernameClaim;
    private final AccessTokens apiTokens;

    public TokenAuthentication(JwtDecoder decoder, RoleClaim roleClaim, String usernameClaim, AccessTokens apiTokens) {
        this.decoder = decoder;
        this.roleClaim = roleClaim;
        this.usernameClaim = usernameClaim;
        this.apiTokens = apiTokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (looksLikeJwt(token)) {
            return jwt(token);
        }
        if (apiTokens.grantsPatientData(token)) {
            return new ApiTokenAuthentication(Identities.tokenActor(token));
        }
        throw new InvalidBearerTokenException("the bearer token is neither a valid JWT nor a listed API token");
    }

    /** The authentication of a JWT, or the reason it is refused. */
    public JwtAuthenticationToken jwt(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidBearerTokenException(reason(e), e);
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : roleClaim.roles(jwt.getClaims())) {
            authorities.add(new SimpleGrantedAuthority(Identities.ROLE_PREFIX + role.name()));
        }
        String name = jwt.getClaimAsString(usernameClaim);
        return new JwtAuthenticationToken(jwt, authorities, name == null || name.isBlank() ? jwt.getSubject() : name);
    }

    private static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first && token.indexOf('.', token.lastIndexOf('.') + 1) < 0;
    }

    /** Spring's reason, which says what failed (expired, signature, issuer) and quotes no token. */
    private static String reason(JwtException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("expired")) {
            return "the token has expired; log in again";
        }
        if (lower.contains("signature") || lower.contains("another algorithm") || lower.contains("no matching key")) {
            return "the token's signature is not one of the identity provider's keys";
        }
        if (lower.contains("iss")) {
            return "the token was issued by another identity provider (claim 'iss')";
        }
        if (lower.contains("aud")) {
            return "the token is meant for another application (claim 'aud')";
        }
        if (lower.contains("nbf") || lower.contains("not before")) {
            return "the token is not valid yet (claim 'nbf')";
        }
        return "the token is not a valid JWT";
    }
}

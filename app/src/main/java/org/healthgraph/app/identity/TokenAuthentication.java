package org.healthgraph.app.identity;

import java.time.Duration;
import java.time.Instant;
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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Authenticates a bearer token: a JWT (three dot-separated parts) is checked by the decoder (the
 * local issuer's key or the identity provider's key set: signature, issuer, audience, time) and its
 * roles read from the role claim; another token must be one of the listed API tokens. Anything
 * else is refused with a reason that names the rule, never the token.
 */
public final class TokenAuthentication implements AuthenticationManager {

    /** The clock skew the decoder's time check allows (Spring Security's default). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder decoder;
    private final RoleClaim roleClaim;
    private final ProjectClaim projectClaim;
    private final String usernameClaim;
    private final AccessTokens apiTokens;
    /**
     * JWTs already checked, until they expire: a client sends the same token with every request, and
     * checking its RSA signature and parsing its claims is most of what authentication adds to a
     * request (bench/run-graphql-load.sh compares). A token is kept by its whole text, so an altered
     * one is checked anew; its expiry is checked again at every use.
     */
    private final Cache<String, JwtAuthenticationToken> checked = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    public TokenAuthentication(JwtDecoder decoder, RoleClaim roleClaim, ProjectClaim projectClaim, String usernameClaim,
                               AccessTokens apiTokens) {
        this.decoder = decoder;
        this.roleClaim = roleClaim;
        this.projectClaim = projectClaim;
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
        JwtAuthenticationToken known = checked.getIfPresent(token);
        if (known != null) {
            Instant expires = known.getToken().getExpiresAt();
            if (expires == null || Instant.now().isBefore(expires.plus(CLOCK_SKEW))) {
                return known;
            }
            checked.invalidate(token);
        }
        JwtAuthenticationToken authenticated = decode(token);
        checked.put(token, authenticated);
        return authenticated;
    }

    private JwtAuthenticationToken decode(String token) {
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
        for (String project : projectClaim.grants(jwt.getClaims()).shown()) {
            authorities.add(new SimpleGrantedAuthority(Identities.PROJECT_PREFIX + project));
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

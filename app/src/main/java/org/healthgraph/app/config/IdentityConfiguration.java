package org.healthgraph.app.config;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.app.identity.AuthRoutes;
import org.healthgraph.app.identity.BearerTokens;
import org.healthgraph.app.identity.DemoLogins;
import org.healthgraph.app.identity.Identities;
import org.healthgraph.app.identity.LocalIssuer;
import org.healthgraph.app.identity.LocalLogins;
import org.healthgraph.app.identity.LocalUsers;
import org.healthgraph.app.identity.LoginThrottle;
import org.healthgraph.app.identity.ProjectClaim;
import org.healthgraph.app.identity.RoleClaim;
import org.healthgraph.app.identity.TokenAuthentication;
import org.healthgraph.app.identity.Unauthorized;
import org.healthgraph.app.web.EndpointPolicies;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.AccessTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Identities (docs/security.md, Identities): Spring Security as an OAuth 2 resource server. Tokens
 * are JWTs, checked against the local issuer's key (local users, {@code healthgraph.security.users},
 * or the demo's) or, when {@code healthgraph.security.oidc.jwk-set-uri} is set, against an external
 * provider's key set (Keycloak); listed API tokens hold ANALYST. No session is kept on the server:
 * the web interface keeps its token in an HttpOnly SameSite=Strict cookie. What a caller may read is
 * decided afterwards by the endpoint table and the GraphQL field policies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class IdentityConfiguration {

    /** The demo's users (drawn at each start) or the configured ones, and the local issuer unless a provider issues every token. */
    @Bean
    LocalLogins localLogins(HealthgraphProperties properties) throws IOException {
        HealthgraphProperties.Security security = properties.security();
        if (security.oidc().enabled()) {
            return new LocalLogins(LocalUsers.parse(List.of()), Optional.empty(), Optional.empty());
        }
        OwnerOnly.createDirectories(properties.dataDir());
        LocalIssuer issuer = LocalIssuer.open(properties.dataDir());
        boolean demo = properties.demo().enabled() && security.users().stream().allMatch(String::isBlank);
        if (demo) {
            DemoLogins logins = DemoLogins.draw();
            return new LocalLogins(logins.users(), Optional.of(issuer), Optional.of(logins));
        }
        return new LocalLogins(LocalUsers.parse(security.users()), Optional.of(issuer), Optional.empty());
    }

    @Bean
    TokenAuthentication tokenAuthentication(HealthgraphProperties properties, LocalLogins local) {
        HealthgraphProperties.Security security = properties.security();
        JwtDecoder decoder = local.issuer().map(LocalIssuer::decoder).orElseGet(() -> providerDecoder(security.oidc()));
        return new TokenAuthentication(decoder, new RoleClaim(security.rolesClaim()), new ProjectClaim(security.projectsClaim()),
                security.oidc().usernameClaim(),
                AccessTokens.of(security.patientDataTokenHashes()));
    }

    /** The provider's keys (fetched from its JWK set URI, cached and refreshed by Nimbus), issuer and audience. */
    private static JwtDecoder providerDecoder(HealthgraphProperties.Oidc oidc) {
        URI keys = setting("healthgraph.security.oidc.jwk-set-uri", oidc.jwkSetUri());
        if (oidc.issuer().isBlank()) {
            throw new IllegalArgumentException("healthgraph.security.oidc.issuer: give the issuer ('iss') of the provider's"
                    + " tokens, e.g. https://keycloak.example.org/realms/healthgraph");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keys.toString()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(oidc.issuer().strip()));
        if (!oidc.audience().isBlank()) {
            String audience = oidc.audience().strip();
            validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static URI setting(String name, String value) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not an http(s) URL", e);
        }
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, TokenAuthentication tokens, AuditTrail audit) throws Exception {
        BearerTokens resolver = new BearerTokens(EndpointPolicies::identifies);
        Unauthorized unauthorized = new Unauthorized(audit, resolver);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                // the application's own filter sets them on every response (SecurityHeaders)
                .headers(h -> h.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                // who may call what: the endpoint table and the field policies, after identification
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .oauth2ResourceServer(o -> o.bearerTokenResolver(resolver)
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(unauthorized));
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    RouterFunction<ServerResponse> authRoutes(LocalLogins local, TokenAuthentication tokens,
                                              Identities identities, AuditTrail audit, HealthgraphProperties properties) {
        HealthgraphProperties.Oidc oidc = properties.security().oidc();
        Optional<AuthRoutes.Provider> provider = oidc.enabled() && !oidc.tokenUri().isBlank()
                ? Optional.of(new AuthRoutes.Provider(setting("healthgraph.security.oidc.token-uri", oidc.tokenUri()), oidc.clientId()))
                : Optional.empty();
        return new AuthRoutes(local.issuer(), local.users(), tokens, identities, audit, properties.security().tokenTtl(), provider,
                new LoginThrottle(Clock.systemUTC())).routes();
    }
}

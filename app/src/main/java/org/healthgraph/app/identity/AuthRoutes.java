package org.healthgraph.app.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.graphql.access.Caller;
import org.healthgraph.graphql.access.ProjectGrants;
import org.healthgraph.graphql.access.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The login routes (docs/security.md, Identities):
 * <ul>
 * <li>{@code POST /auth/login} {@code {"username","password"}} (JSON or form): the web interface's
 * login; sets the {@link SessionCookie} and answers who is logged in;</li>
 * <li>{@code POST /auth/token} (OAuth 2 form: {@code grant_type=password&username=&password=}): a
 * token for machine clients and scripts, {@code {"access_token","token_type","expires_in"}};</li>
 * <li>{@code POST /auth/logout}: deletes the cookie;</li>
 * <li>{@code GET /auth/me}: who the request's caller is, and whether anonymous callers may read;</li>
 * <li>{@code GET /auth/jwks}: the public keys of local tokens.</li>
 * </ul>
 * With local users the password is checked here and the token issued by {@link LocalIssuer}; with an
 * identity provider the login passes the name and password to its token endpoint (password grant)
 * and checks the token it returns like any other. Every login and failed login is audited with the
 * user's name and the client's address, never the password.
 */
public final class AuthRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the provider's token request may take this long. */
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<LocalIssuer> issuer;
    private final LocalUsers users;
    private final TokenAuthentication tokens;
    private final Identities identities;
    private final AuditTrail audit;
    private final Duration ttl;
    private final Optional<Provider> provider;
    private final LoginThrottle throttle;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROVIDER_TIMEOUT).build();

    /** An identity provider's token endpoint and the client the login page logs in as. */
    public record Provider(URI tokenUri, String clientId) {
    }

    public AuthRoutes(Optional<LocalIssuer> issuer, LocalUsers users, TokenAuthentication tokens, Identities identities,
                      AuditTrail audit, Duration ttl, Optional<Provider> provider, LoginThrottle throttle) {
        this.issuer = issuer;
        this.users = users;
        this.tokens = tokens;
        this.identities = identities;
        this.audit = audit;
        this.ttl = ttl;
        this.provider = provider;
        this.throttle = throttle;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/auth/login", this::login)
                .POST("/auth/token", this::token)
                .POST("/auth/logout", this::logout)
                .GET("/auth/me", this::me)
                .GET("/auth/jwks", this::jwks)
                .build();
    }

    private ServerResponse login(ServerRequest request) throws IOException {
        Credentials credentials;
        try {
            credentials = Credentials.read(request);
        } catch (JacksonException e) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "the body is not a JSON object {\"username\", \"password\"}");
        }
        Object outcome = authenticate(credentials, request);
        if (outcome instanceof ServerResponse refused) {
            return refused;
        }
        Session session = (Session) outcome;
        Duration maxAge = Duration.between(Instant.now(), session.expiresAt());
        return ServerResponse.ok().header(HttpHeaders.SET_COOKIE, SessionCookie.set(session.token(), maxAge, secure(request)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.APPLICATION_JSON)
                .body(whoIs(session.caller(), true));
    }

    private ServerResponse token(ServerRequest request) throws IOException {
        Credentials credentials;
        try {
            credentials = Credentials.read(request);
        } catch (JacksonException e) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "the body is not a JSON object {\"username\", \"password\"}");
        }
        if (!credentials.grantType().isEmpty() && !credentials.grantType().equals("password")) {
            return oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant_type must be 'password'");
        }
        if (issuer.isEmpty()) {
            return oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "this server takes its tokens from an identity"
                    + " provider: ask it for a token (" + provider.map(p -> p.tokenUri().toString()).orElse("its token endpoint") + ")");
        }
        Object outcome = authenticate(credentials, request);
        if (outcome instanceof ServerResponse refused) {
            return refused;
        }
        Session session = (Session) outcome;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", session.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", Math.max(0, Duration.between(Instant.now(), session.expiresAt()).toSeconds()));
        return ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private record Session(String token, Instant expiresAt, Caller caller) {
    }

    /** A {@link Session}, or the response that refuses the credentials. */
    private Object authenticate(Credentials credentials, ServerRequest request) {
        String address = request.remoteAddress().map(a -> a.getAddress() == null ? a.getHostString()
                : a.getAddress().getHostAddress()).orElse("unknown");
        String name = LocalUsers.cut(credentials.username());
        if (credentials.username().isBlank() || credentials.password().isEmpty()) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "give a username and a password");
        }
        Duration wait = throttle.wait(credentials.username());
        if (!wait.isZero()) {
            audit.record(AuditEvent.refused("user:" + name + " from " + address, AuditAction.LOGIN_FAILURE, request.path(),
                    "too many failed logins"));
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("error", "too_many_attempts",
                            "message", "too many failed logins for this user; try again in " + Math.max(1, wait.toMinutes() + 1) + " min"));
        }
        Optional<Session> session;
        try {
            session = provider.isPresent() ? fromProvider(provider.get(), credentials) : local(credentials);
        } catch (AuthenticationException e) {
            session = Optional.empty();
        }
        if (session.isEmpty()) {
            throttle.failed(credentials.username());
            audit.record(AuditEvent.refused("user:" + name + " from " + address, AuditAction.LOGIN_FAILURE, request.path(),
                    "wrong user name or password"));
            return oauthError(HttpStatus.UNAUTHORIZED, "invalid_grant", "wrong user name or password");
        }
        throttle.succeeded(credentials.username());
        audit.record(AuditEvent.allowed(session.get().caller().actor() + " from " + address, AuditAction.LOGIN, request.path(), 0,
                "roles " + session.get().caller().roles().stream().map(Role::name).sorted().collect(Collectors.joining(","))
                        + "; projects " + String.join(",", session.get().caller().grants().shown())));
        return session.get();
    }

    private Optional<Session> local(Credentials credentials) {
        return users.authenticate(credentials.username(), credentials.password()).map(user -> {
            LocalIssuer.IssuedToken token = issuer.orElseThrow().issue(user, ttl);
            return new Session(token.value(), token.expiresAt(), identities.user(user.name(), user.roles(), ProjectGrants.none()));
        });
    }

    /** The password grant at the provider's token endpoint; its token is then checked like any other. */
    private Optional<Session> fromProvider(Provider provider, Credentials credentials) {
        String form = form(Map.of("grant_type", "password", "client_id", provider.clientId(), "scope", "openid",
                "username", credentials.username(), "password", credentials.password()));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(provider.tokenUri()).timeout(PROVIDER_TIMEOUT)
                    .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("healthgraph.security.oidc.token-uri: the identity provider does not answer ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the identity provider", e);
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        String token = JSON.readTree(response.body()).path("access_token").asString("");
        JwtAuthenticationToken authenticated = tokens.jwt(token);
        Caller caller = identities.caller(authenticated, "");
        Instant expires = Optional.ofNullable(authenticated.getToken().getExpiresAt()).orElse(Instant.now().plus(ttl));
        return Optional.of(new Session(token, expires, caller));
    }

    private ServerResponse logout(ServerRequest request) {
        return ServerResponse.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(secure(request))).build();
    }

    private ServerResponse me(ServerRequest request) {
        Caller caller = request.attribute(Caller.CONTEXT_KEY).filter(Caller.class::isInstance).map(Caller.class::cast)
                .orElse(Caller.of("anonymous", java.util.Set.of()));
        boolean authenticated = caller.actor().startsWith("user:") || caller.actor().startsWith("token:");
        return ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.APPLICATION_JSON)
                .body(whoIs(caller, authenticated));
    }

    private Map<String, Object> whoIs(Caller caller, boolean authenticated) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", authenticated);
        body.put("name", authenticated ? caller.actor().substring(caller.actor().indexOf(':') + 1) : null);
        body.put("roles", caller.roles().stream().map(Role::name).sorted().toList());
        // the projects whose patient-level data the caller reads (with ANALYST): "*" for every one
        body.put("projects", caller.patientData() ? List.copyOf(caller.grants().shown()) : List.of());
        body.put("anonymousAccess", identities.anonymousAllowed() ? "READER" : "NONE");
        body.put("provider", provider.isPresent() ? "oidc" : "local");
        return body;
    }

    private ServerResponse jwks(ServerRequest request) {
        return issuer.map(i -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(i.publicKeys()))
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private static ServerResponse oauthError(HttpStatus status, String error, String message) {
        return ServerResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "error_description", message, "message", message));
    }

    private static boolean secure(ServerRequest request) {
        return request.servletRequest().isSecure();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A user name and password, from a JSON body or a form. */
    private record Credentials(String username, String password, String grantType) {

        static Credentials read(ServerRequest request) throws IOException {
            boolean json = request.headers().contentType().map(MediaType.APPLICATION_JSON::isCompatibleWith).orElse(false);
            if (json) {
                JsonNode body = JSON.readTree(request.servletRequest().getInputStream());
                return new Credentials(text(body, "username"), text(body, "password"), text(body, "grant_type"));
            }
            Map<String, List<String>> params = request.params();
            return new Credentials(first(params, "username"), first(params, "password"), first(params, "grant_type"));
        }

        private static String text(JsonNode body, String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || !value.isString() ? "" : value.asString();
        }

        private static String first(Map<String, List<String>> params, String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}

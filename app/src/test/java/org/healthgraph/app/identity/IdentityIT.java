package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.app.config.AuditConfiguration;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditLog;
import org.healthgraph.graph.audit.AuditRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Identities end to end on a real server with anonymous access off (the default outside the demo):
 * local users log in (page and token endpoint), each role reads what it may and no more, and every
 * bad credential (wrong password, expired, wrongly signed, a role claim of the wrong shape) gets a
 * clear 401, changes nothing, and is on the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("healthgraph-identity-it-");
        registry.add("healthgraph.data-dir", dataDir::toString);
        registry.add("healthgraph.security.anonymous", () -> "NONE");
    }

    private static final String CATALOG = "{ catalogStats { datasets } }";
    private static final String COHORT = "{ cohort(query: {index: {event: {types: [HOSPITAL_STAY]}}}) { count { value } } }";
    private static final String PATIENT = "{ journeyPatient(id: \"P1\") { id } }";

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void withoutCredentialsOnlyThePagesShellAndTheProbesAnswer() throws Exception {
        HttpResponse<String> api = graphql(CATALOG, Optional.empty());

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(api.body()).contains("log in at /auth/login");
        assertThat(get("/", Optional.empty()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", Optional.empty()).statusCode()).isEqualTo(200);
        assertThat(get("/export/nomenclature/X.csv", Optional.empty()).statusCode()).isEqualTo(401);
        JsonNode me = json.readTree(get("/auth/me", Optional.empty()).body());
        assertThat(me.path("authenticated").asBoolean()).isFalse();
        assertThat(me.path("anonymousAccess").asString()).isEqualTo("NONE");
    }

    @Test
    void eachRoleReadsWhatItMayAndNoMore() throws Exception {
        String reader = bearer("lecteur");
        String researcher = bearer("chercheur");
        String analyst = bearer("analyste");

        assertThat(graphql(CATALOG, Optional.of(reader)).body()).doesNotContain("errors").contains("\"datasets\"");
        assertThat(graphql(COHORT, Optional.of(reader)).body()).contains("FORBIDDEN").contains("needs the role RESEARCHER");
        assertThat(graphql(COHORT, Optional.of(researcher)).body()).doesNotContain("FORBIDDEN");
        assertThat(graphql(PATIENT, Optional.of(researcher)).body()).contains("FORBIDDEN").contains("needs the role ANALYST");
        assertThat(graphql(PATIENT, Optional.of(analyst)).body()).doesNotContain("FORBIDDEN");
        assertThat(get("/actuator", Optional.of(researcher)).statusCode()).isEqualTo(403);
        assertThat(get("/actuator", Optional.of(bearer("admin"))).statusCode()).isEqualTo(200);
    }

    @Test
    void theLoginPageSetsAnHttpOnlyStrictCookieThatTheApiAcceptsAndLogoutDeletes() throws Exception {
        HttpResponse<String> login = post("/auth/login", "application/json", "{\"username\":\"gestionnaire\",\"password\":\"gestionnaire-test\"}");

        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(json.readTree(login.body()).path("roles").toString()).contains("STEWARD").contains("READER");
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/auth/me")).header("Cookie", session).GET());
        assertThat(json.readTree(me.body()).path("name").asString()).isEqualTo("gestionnaire");
        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/graphql")).header("Cookie", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(CATALOG))));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(post("/auth/logout", "application/json", "").headers().firstValue("Set-Cookie")).get().asString()
                .contains("Max-Age=0");
        assertThat(trail()).anyMatch(r -> r.event().action() == AuditAction.LOGIN && r.event().actor().startsWith("user:gestionnaire"));
    }

    @Test
    void aWrongPasswordIsRefusedAuditedWithTheNameButNeverThePassword() throws Exception {
        HttpResponse<String> refused = post("/auth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=chercheur&password=not-the-password-42");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid_grant").contains("wrong user name or password");
        assertThat(post("/auth/token", "application/x-www-form-urlencoded", "grant_type=password&username=nobody&password=x")
                .statusCode()).isEqualTo(401);
        assertThat(trail()).anyMatch(r -> r.event().action() == AuditAction.LOGIN_FAILURE
                && r.event().actor().startsWith("user:chercheur from "));
        assertThat(Files.readString(AuditConfiguration.auditFolder(dataDir).resolve(AuditLog.FILE))).doesNotContain("not-the-password-42");
    }

    @Test
    void expiredWronglySignedAndBadlyShapedTokensGetA401NamingTheRuleAndAreAudited() throws Exception {
        RSAKey serverKey = RSAKey.parse(Files.readString(dataDir.resolve(LocalIssuer.KEY_FILE)));
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(serverKey.getKeyID()).generate();
        Instant now = Instant.now();

        Map<String, String> cases = Map.of(
                sign(serverKey, claims("chercheur", List.of("RESEARCHER"), now.minusSeconds(7200), now.minusSeconds(3600))), "expired",
                sign(otherKey, claims("chercheur", List.of("ADMIN"), now, now.plusSeconds(600))), "signature",
                sign(serverKey, claims("chercheur", "ADMIN", now, now.plusSeconds(600))), "claim 'roles'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = graphql(CATALOG, Optional.of("Bearer " + c.getKey()));
            assertThat(response.statusCode()).as(c.getValue()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
            assertThat(response.body()).as(c.getValue()).contains(c.getValue()).doesNotContain("datasets");
        }
        assertThat(trail().stream().filter(r -> r.event().action() == AuditAction.LOGIN_FAILURE
                && r.event().actor().startsWith("token:"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(graphql(CATALOG, Optional.of("Bearer " + sign(serverKey, claims("chercheur", List.of("READER"), now,
                now.plusSeconds(600))))).statusCode()).as("the same key and claims, valid").isEqualTo(200);
    }

    @Test
    void theIssuersKeyIsOwnerOnlyAndItsPublicHalfIsPublished() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(LocalIssuer.KEY_FILE))))
                .isEqualTo("rw-------");
        JsonNode keys = json.readTree(get("/auth/jwks", Optional.empty()).body()).path("keys");
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.get(0).has("n")).isTrue();
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    private static JWTClaimsSet claims(String user, Object roles, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(LocalIssuer.ISSUER).subject(user).claim("preferred_username", user)
                .claim("roles", roles).issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String bearer(String user) throws Exception {
        HttpResponse<String> response = post("/auth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=" + user + "&password=" + user + "-test");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return "Bearer " + json.readTree(response.body()).path("access_token").asString();
    }

    private List<AuditRecord> trail() {
        return AuditLog.openExisting(AuditConfiguration.auditFolder(dataDir)).read(Optional.empty());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    private String body(String query) {
        return json.writeValueAsString(Map.of("query", query));
    }

    private HttpResponse<String> graphql(String query, Optional<String> authorization) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(query)));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return send(builder);
    }

    private HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return send(builder);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}

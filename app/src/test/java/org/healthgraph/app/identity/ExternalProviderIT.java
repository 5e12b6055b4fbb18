package org.healthgraph.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.healthgraph.app.HealthgraphApplication;
import org.healthgraph.app.testing.LocalHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.ObjectMapper;

/**
 * A server configured with an external OpenID Connect provider accepts that provider's tokens only,
 * fetching its keys from the provider's JWK set over HTTP, and its login page logs users in at the
 * provider's token endpoint. The provider here is a real second server: this test's application,
 * whose local issuer publishes its keys at /auth/jwks and issues tokens at /auth/token as Keycloak
 * does at its certs and token endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalProviderIT {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        registry.add("healthgraph.data-dir", () -> tempDir("healthgraph-provider-it-"));
    }

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext relying;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void startAServerThatTrustsThisOne() {
        String provider = "http://127.0.0.1:" + environment.getProperty("local.server.port");
        // as command-line arguments: they win over the tests' config/application.properties
        relying = new SpringApplicationBuilder(HealthgraphApplication.class).run(
                "--server.port=0", "--healthgraph.graph.backend=gremlin", "--healthgraph.data-dir=" + tempDir("healthgraph-relying-it-"),
                "--healthgraph.security.anonymous=NONE",
                "--healthgraph.security.oidc.jwk-set-uri=" + provider + "/auth/jwks",
                "--healthgraph.security.oidc.issuer=" + LocalIssuer.ISSUER,
                "--healthgraph.security.oidc.token-uri=" + provider + "/auth/token");
    }

    @AfterAll
    void stop() {
        if (relying != null) {
            relying.close();
        }
    }

    @Test
    void theProvidersTokensAreAcceptedAndTheLoginPageLogsInAtTheProvider() throws Exception {
        String token = new LocalHttp(environment).token("chercheur");

        HttpResponse<String> api = send(HttpRequest.newBuilder(relying("/graphql")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ catalogStats { tables } }\"}")));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(api.body()).doesNotContain("errors");

        HttpResponse<String> login = send(HttpRequest.newBuilder(relying("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"analyste\",\"password\":\"analyste-test\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(json.readTree(login.body()).path("roles").toString()).contains("ANALYST");
        assertThat(json.readTree(login.body()).path("provider").asString()).isEqualTo("oidc");
        assertThat(login.headers().firstValue("Set-Cookie")).get().asString().startsWith(SessionCookie.NAME + "=");
    }

    @Test
    void aWrongPasswordAtTheProviderIsRefusedAndTheServerIssuesNoTokenOfItsOwn() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(relying("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"analyste\",\"password\":\"wrong\"}")));
        assertThat(login.statusCode()).isEqualTo(401);

        HttpResponse<String> own = send(HttpRequest.newBuilder(relying("/auth/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=a&password=b")));
        assertThat(own.statusCode()).isEqualTo(400);
        assertThat(own.body()).contains("unsupported_grant_type").contains("/auth/token");
        assertThat(send(HttpRequest.newBuilder(relying("/auth/jwks")).GET()).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(relying("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ catalogStats { tables } }\"}")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private URI relying(String path) {
        return URI.create("http://127.0.0.1:" + relying.getEnvironment().getProperty("local.server.port") + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

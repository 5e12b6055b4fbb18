package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.testing.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application on a random port, queried over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-app-it-");
        registry.add("healthgraph.data-dir", dir::toString);
        // A known Bolt port, so that a test can look for it where it must not be.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            registry.add("healthgraph.neo4j.embedded.bolt-port", () -> Integer.toString(port));
        }
    }

    @Autowired
    Environment environment;

    private HttpResponse<String> post(String path, String body) {
        return new LocalHttp(environment).post(path, body);
    }

    private HttpResponse<String> get(String path) {
        return new LocalHttp(environment).get(path);
    }

    @Test
    void answersAGraphqlQueryOverHttpWithTheEmbeddedGraphBehindIt() throws Exception {
        HttpResponse<String> response = post("/graphql", "{\"query\":\"{ version { healthgraph graph } }\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"graph\":\"Neo4j ").contains(" embedded\"").doesNotContain("errors");
    }

    @Test
    void neitherTheAnonymousVersionNorTheHomePageGivesTheDatabaseAddress() throws Exception {
        String boltPort = environment.getProperty("healthgraph.neo4j.embedded.bolt-port");
        HttpResponse<String> version = post("/graphql", "{\"query\":\"{ version { healthgraph graph } }\"}");
        HttpResponse<String> home = get("/");

        assertThat(boltPort).matches("[1-9][0-9]*");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(home.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : java.util.List.of(version, home)) {
            assertThat(response.body()).as(response.uri().toString())
                    .doesNotContainIgnoringCase("bolt")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("localhost")
                    .doesNotContain(":" + boltPort);
        }
    }

    @Test
    void reportsAnInvalidQueryAsAGraphqlErrorNotAServerFailure() throws Exception {
        HttpResponse<String> response = post("/graphql", "{\"query\":\"{ noSuchField }\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("errors").contains("noSuchField");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : java.util.List.of(get("/"), get("/actuator/health"),
                post("/graphql", "{\"query\":\"{ version { healthgraph } }\"}"))) {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(response.uri().toString()).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline"));
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        }
    }

    @Test
    void theDataFolderIsOwnerOnly() throws Exception {
        Path dir = Path.of(environment.getProperty("healthgraph.data-dir"));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void reportsItsHealth() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void servesTheWebInterface() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("healthgraph");
    }
}

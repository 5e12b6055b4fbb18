package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.healthgraph.app.testing.KindedFailureForTests;
import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.graph.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One error model, two doors: a failure of each kind, raised the way a module raises it, gets the
 * same classification through the GraphQL API (over HTTP) and the command line; the message of a
 * classified failure reaches the caller, an internal failure's message reaches neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorKindsIT {

    /** What each kind must give, written out here rather than read from the mapping under test. */
    private static final Map<ErrorKind, String> CLASSIFICATION = Map.of(ErrorKind.INVALID_INPUT, "BAD_REQUEST",
            ErrorKind.NOT_FOUND, "NOT_FOUND", ErrorKind.FORBIDDEN, "FORBIDDEN", ErrorKind.CONFLICT, "CONFLICT",
            ErrorKind.UNAVAILABLE, "UNAVAILABLE", ErrorKind.INTERNAL, "INTERNAL_ERROR");
    private static final Map<ErrorKind, Integer> EXIT_CODE = Map.of(ErrorKind.INVALID_INPUT, 1, ErrorKind.NOT_FOUND, 1,
            ErrorKind.FORBIDDEN, 1, ErrorKind.CONFLICT, 1, ErrorKind.UNAVAILABLE, 3, ErrorKind.INTERNAL, 4);

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-errors-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    @Autowired
    Environment environment;

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void eachKindIsClassifiedAlikeThroughTheApiAndTheCommandLine(ErrorKind kind) {
        HttpResponse<String> response = new LocalHttp(environment).post("/graphql",
                "{\"query\": \"{ failureOfKindForTests(kind: \\\"" + kind + "\\\") }\"}");
        JsonNode error = JSON.readTree(response.body()).path("errors").path(0);

        // Unavailable is the one kind the transport also says: 503 and when to retry (clients and proxies act on it).
        if (kind == ErrorKind.UNAVAILABLE) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        } else {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        }

        assertThat(error.path("extensions").path("classification").asString()).isEqualTo(CLASSIFICATION.get(kind));
        assertThat(error.path("extensions").path("kind").asString()).isEqualTo(kind.name());

        StringWriter err = new StringWriter();
        CommandLine cli = HealthgraphCli.commandLine().addSubcommand("fail-for-tests", new FailForTests(kind));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("fail-for-tests");

        assertThat(exit).isEqualTo(EXIT_CODE.get(kind));
        if (kind == ErrorKind.INTERNAL) {
            assertThat(error.path("message").asString()).contains("correlation id");
            assertThat(error.toString()).doesNotContain(KindedFailureForTests.SECRET);
            assertThat(err.toString()).contains("correlation id").doesNotContain(KindedFailureForTests.SECRET)
                    .doesNotContain("\tat ");
        } else {
            assertThat(error.path("message").asString()).isEqualTo("the request is " + kind.name().toLowerCase());
            assertThat(err.toString()).isEqualTo("healthgraph fail-for-tests: the request is " + kind.name().toLowerCase()
                    + System.lineSeparator());
        }
    }

    @CommandLine.Command(name = "fail-for-tests")
    static final class FailForTests implements Callable<Integer> {
        private final ErrorKind kind;

        FailForTests(ErrorKind kind) {
            this.kind = kind;
        }

        @Override
        public Integer call() {
            throw new KindedFailureForTests(kind);
        }
    }
}

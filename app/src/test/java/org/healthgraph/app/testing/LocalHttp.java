package org.healthgraph.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Real HTTP calls to the application a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} started. */
public final class LocalHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Environment environment;
    private final String authorization;

    public LocalHttp(Environment environment) {
        this(environment, null);
    }

    private LocalHttp(Environment environment, String authorization) {
        this.environment = environment;
        this.authorization = authorization;
    }

    /**
     * The same client logged in as one of the test users of {@code src/test/resources/config/application.properties}
     * (lecteur, chercheur, analyste, gestionnaire, relecteur, admin; password: the name followed by "-test"),
     * with a token from {@code /auth/token}.
     */
    public LocalHttp as(String user) {
        String key = environment.getProperty("local.server.port") + "/" + user;
        return new LocalHttp(environment, "Bearer " + TOKENS.computeIfAbsent(key, k -> token(user)));
    }

    /** Tokens already issued, by port and user: a login a request would cost more than some tests' requests. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** A token of a test user (see {@link #as}). */
    public String token(String user) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + user + "&password=" + user + "-test"))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot log in as " + user + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("access_token").asString();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    public HttpResponse<String> get(String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path))).GET().build());
    }

    public HttpResponse<String> post(String path, String jsonBody) {
        return send(authorized(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /** Posts a GraphQL query to /graphql and returns the whole response document. */
    public JsonNode graphql(String query) {
        HttpResponse<String> response = post("/graphql", json.writeValueAsString(Map.of("query", query)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

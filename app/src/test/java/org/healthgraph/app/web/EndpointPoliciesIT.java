package org.healthgraph.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every HTTP route the application serves (functional routes, annotated handlers, actuator endpoints,
 * static files of the web interface) has a declared policy in {@link EndpointPolicies}; what is not
 * declared is not served; health shows no path of the machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointPoliciesIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("healthgraph-endpoints-it-");
        registry.add("healthgraph.data-dir", dataDir::toString);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRouteTheApplicationServesHasADeclaredPolicy() throws Exception {
        List<String> routes = routes();

        assertThat(routes).as("routes found").contains("/graphql", "/graphiql", "/actuator/health", "/index.html");
        assertThat(routes.stream().filter(r -> EndpointPolicies.of(sample(r)).isEmpty()).toList())
                .as("routes without a line in EndpointPolicies.DECLARED").isEmpty();
    }

    @Test
    void aRouteWithoutAPolicyIsFoundByTheWalk() {
        assertThat(EndpointPolicies.of(sample("/admin/{what}"))).isEmpty();
        assertThat(EndpointPolicies.of(sample("/export/nomenclature/{name}.csv"))).isPresent();
    }

    @Test
    void whatIsNotDeclaredIsNotServed() throws Exception {
        for (String path : List.of("/actuator/env", "/actuator/beans", "/nothing-here")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        // a path that climbs out of another is refused before any filter (Spring Security's firewall)
        assertThat(get("/graphql/../actuator/env").statusCode()).isEqualTo(400);
        assertThat(get("/actuator").statusCode()).as("ADMIN only").isEqualTo(403);
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void healthShowsTheDataFoldersFreeSpaceButNotItsPath() throws Exception {
        String body = get("/actuator/health").body();

        assertThat(body).contains("\"dataFolder\"").contains("\"free\"").doesNotContain(dataDir.toString())
                .doesNotContain("diskSpace");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port")
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A concrete path of a route pattern: each variable replaced by a value. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "liveness").replaceAll("\\{[^}]*}", "x").replace("**", "x/y").replace("*", "x");
    }

    private List<String> routes() throws Exception {
        TreeSet<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> routes.addAll(info.getPatternValues()));
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            RouterFunction<?> function = mapping.getRouterFunction();
            if (function != null) {
                function.accept(new PathCollector(routes));
            }
        }
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (Resource r : resolver.getResources("classpath*:static/**")) {
            String url = r.getURL().toString();
            if (r.isReadable() && !url.endsWith("/")) {
                routes.add("/" + url.substring(url.lastIndexOf("static/") + "static/".length()));
            }
        }
        return new ArrayList<>(routes);
    }

    /** Collects the path patterns of functional routes. */
    private record PathCollector(TreeSet<String> paths) implements RouterFunctions.Visitor {
        @Override
        public void startNested(RequestPredicate predicate) {
            predicate.accept(new Paths(paths));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            predicate.accept(new Paths(paths));
        }

        @Override
        public void resources(Function<org.springframework.web.servlet.function.ServerRequest, Optional<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }
    }

    /** Collects the path patterns of one route's predicate. */
    private record Paths(TreeSet<String> paths) implements RequestPredicates.Visitor {
        @Override
        public void method(java.util.Set<HttpMethod> methods) {
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        @SuppressWarnings("removal")
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void param(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}

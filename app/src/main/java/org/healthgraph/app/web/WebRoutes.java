package org.healthgraph.app.web;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.graphql.jsonschema.InputJsonSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The application's HTTP routes outside GraphQL:
 * <ul>
 * <li>{@code GET /graphiql}: the GraphQL explorer, which the ui module bundles as
 * {@code graphiql.html} (it replaces Spring for GraphQL's own page, which loads its code from a
 * public CDN at run time and so never opens on a machine without internet);</li>
 * <li>{@code GET /export/nomenclature/{name}.csv}: a whole code list as CSV ({@link CodeListCsv});</li>
 * <li>{@code GET /schemas/cohort-query.schema.json}: the JSON Schema of the cohort query format,
 * generated from the GraphQL input at start ({@link InputJsonSchema}; docs/trajectories.md, Format).</li>
 * </ul>
 * Failures keep the one meaning their {@link ErrorKind} has at every door: the HTTP status below, and
 * for a client's mistake the message, which names the argument and the rule.
 */
public final class WebRoutes {

    /** The address of the GraphQL explorer. */
    public static final String EXPLORER = "/graphiql";

    private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);

    private final CodeListCsv csv;
    /** Generated once: the GraphQL schema files do not change while the application runs. */
    private final String cohortQuerySchema = InputJsonSchema.cohortQuery();

    public WebRoutes(CodeListCsv csv) {
        this.csv = csv;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                // relative, so that it also works under a context path: /x/graphiql -> /x/graphiql.html
                .GET(EXPLORER, request -> ServerResponse.status(HttpStatus.FOUND).location(URI.create("graphiql.html")).build())
                .GET("/export/nomenclature/{name}.csv", this::codeList)
                .GET(InputJsonSchema.COHORT_QUERY_PATH, request -> ServerResponse.ok()
                        .contentType(new MediaType("application", "schema+json", StandardCharsets.UTF_8)).body(cohortQuerySchema))
                .onError(HealthgraphException.class, (e, request) -> failure(request, (HealthgraphException) e))
                .build();
    }

    private ServerResponse codeList(ServerRequest request) {
        NomenclatureName name = NomenclatureName.of(request.pathVariable("name"));
        Optional<Nomenclature> list = csv.find(name);
        if (list.isEmpty()) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                    .body("no code list named " + name + " in the catalog");
        }
        return ServerResponse.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(CodeListCsv.fileName(name), StandardCharsets.UTF_8).build().toString())
                .build((servletRequest, servletResponse) -> {
                    try (Writer out = new OutputStreamWriter(servletResponse.getOutputStream(), StandardCharsets.UTF_8)) {
                        csv.write(list.get(), out);
                    }
                    return null;
                });
    }

    private static ServerResponse failure(ServerRequest request, HealthgraphException e) {
        if (e.kind() == ErrorKind.INTERNAL || e.kind() == ErrorKind.UNAVAILABLE) {
            LOG.warn("{} {} failed ({})", request.method(), request.path(), e.kind(), e);
        }
        // an internal failure's message is for the operator's log only, never for a client
        String message = e.kind() == ErrorKind.INTERNAL ? "internal error" : e.getMessage();
        return ServerResponse.status(status(e.kind())).contentType(MediaType.TEXT_PLAIN).body(message);
    }

    static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}

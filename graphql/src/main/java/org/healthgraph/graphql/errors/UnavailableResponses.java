package org.healthgraph.graphql.errors;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import reactor.core.publisher.Mono;

/**
 * How the HTTP transport answers a request that met something unavailable for now (an error
 * classified {@link ApiErrorType#UNAVAILABLE}: an index being built, the database away): status 503
 * and a {@code Retry-After} header, with the GraphQL body (the errors' messages say what to wait
 * for, and the data of the fields that could be answered). Other requests keep their status.
 */
public final class UnavailableResponses {

    private UnavailableResponses() {
    }

    /** Whether a response holds an error classified unavailable. */
    public static boolean unavailable(WebGraphQlResponse response) {
        for (ResponseError e : response.getErrors()) {
            if (e.getErrorType() == ApiErrorType.UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code Retry-After} (whole seconds, at least 1) to unavailable responses. */
    public static WebGraphQlInterceptor retryAfter(Supplier<Duration> wait) {
        Objects.requireNonNull(wait, "wait");
        return new WebGraphQlInterceptor() {
            @Override
            public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
                return chain.next(request).map(response -> {
                    if (unavailable(response)) {
                        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                        response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    }
                    return response;
                });
            }
        };
    }

    /** The HTTP handler of {@code /graphql}, answering 503 to unavailable responses. */
    public static GraphQlHttpHandler httpHandler(WebGraphQlHandler handler) {
        return new GraphQlHttpHandler(handler) {
            @Override
            protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
                return unavailable(response) ? HttpStatus.SERVICE_UNAVAILABLE : super.selectResponseStatus(response, responseMediaType);
            }
        };
    }
}

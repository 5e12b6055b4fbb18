package org.healthgraph.graphql.limits;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps the serialized size of a response's data ({@code healthgraph.graphql.max-response-bytes}).
 * Forty aliases of one large text field cost forty in complexity but multiply the answer by forty:
 * only the bytes tell. The data is written as JSON into a counter that stops at the cap, so an
 * oversized answer is never built as a string (the work is bounded by the cap, not by the answer).
 * Over the cap, the data is dropped and the response holds one error classified {@code BAD_REQUEST}
 * saying how to ask for less.
 */
public final class ResponseSizeLimit implements WebGraphQlInterceptor {

    private final long maxBytes;
    private final ObjectMapper json = JsonMapper.builder().build();

    /** @param maxBytes the largest serialized data accepted, in bytes (at least 1) */
    public ResponseSizeLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(this::capped);
    }

    private WebGraphQlResponse capped(WebGraphQlResponse response) {
        Object data = response.getExecutionResult().getData();
        if (data == null || fits(data)) {
            return response;
        }
        String message = "The response exceeded " + maxBytes + " bytes (healthgraph.graphql.max-response-bytes):"
                + " ask for less: fewer fields or aliases, smaller pages (first) followed by the next pages (after)";
        return response.transform(builder -> builder.data(null).errors(List.of(
                GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(message)
                        .extensions(Map.of("maxResponseBytes", maxBytes)).build())));
    }

    private boolean fits(Object data) {
        try {
            json.writeValue(new Counter(maxBytes), data);
            return true;
        } catch (RuntimeException e) {
            // Jackson may wrap the counter's signal in its own exception
            if (rootIsTooLarge(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean rootIsTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by the counter past the cap; carries no stack, it is a signal. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("over the response size limit", null, false, false);
        }
    }

    /** Counts bytes and keeps none. */
    private static final class Counter extends OutputStream {
        private final long max;
        private long count;

        Counter(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            add(len);
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new TooLarge();
            }
        }
    }
}

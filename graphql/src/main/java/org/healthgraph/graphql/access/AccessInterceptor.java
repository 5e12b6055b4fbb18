package org.healthgraph.graphql.access;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Puts the request's {@link Access} and {@link Caller} in the GraphQL context: the caller the HTTP
 * layer identified (a request attribute under {@link Caller#CONTEXT_KEY}), or {@link Caller#UNKNOWN}
 * when the request came through no identification. A request is never refused here: only the fields
 * its caller may not read fail, with FORBIDDEN ({@link PolicyInstrumentation}), and the rest of the
 * answer is served.
 */
public final class AccessInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = request.getAttributes().get(Caller.CONTEXT_KEY) instanceof Caller identified
                ? identified : Caller.UNKNOWN;
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
            context.put(Access.CONTEXT_KEY, caller.access());
            context.put(Caller.CONTEXT_KEY, caller);
        }).build());
        return chain.next(request);
    }
}

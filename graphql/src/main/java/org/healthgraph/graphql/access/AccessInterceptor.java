package org.healthgraph.graphql.access;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Puts the request's {@link Access} and {@link Caller} in the GraphQL context ({@link Callers}
 * tells who it is). A request is never refused here: only the fields its caller may not read fail,
 * with FORBIDDEN ({@link PolicyInstrumentation}), and the rest of the answer is served.
 */
public final class AccessInterceptor implements WebGraphQlInterceptor {

    private final Callers callers;

    public AccessInterceptor(Callers callers) {
        this.callers = callers;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = callers.identify(request.getHeaders().getFirst("Authorization"), request.getRemoteAddress());
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
            context.put(Access.CONTEXT_KEY, caller.access());
            context.put(Caller.CONTEXT_KEY, caller);
        }).build());
        return chain.next(request);
    }
}

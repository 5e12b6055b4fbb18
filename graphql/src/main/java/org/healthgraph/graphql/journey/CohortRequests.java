package org.healthgraph.graphql.journey;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import org.healthgraph.graphql.access.Caller;
import org.healthgraph.journeys.Cancellation;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Gives every GraphQL request its {@link CohortRequest}: a deadline at the request's time limit and
 * a cancellation fired when the request ends for any reason (answered, timed out with 408, its
 * client gone), so that no cohort evaluation outlives its request; and the caller key for the
 * engine's per-caller share.
 *
 * <p>The caller is the one the HTTP layer identified ({@link Caller#actor()}: a user, a listed API
 * token's hash prefix), and an anonymous caller is its client's IP address: a refused token never
 * gets this far, so nobody dodges the share by sending a new token each time.
 */
public final class CohortRequests implements WebGraphQlInterceptor {

    private static final String TIMEOUT_SETTING = "healthgraph.graphql.timeout";

    private final Duration timeout;
    private final int maxPerRequest;

    /**
     * @param timeout the request's time limit ({@code healthgraph.graphql.timeout})
     * @param maxPerRequest cohort evaluations a request may ask for ({@code healthgraph.cohorts.max-per-request})
     */
    public CohortRequests(Duration timeout, int maxPerRequest) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxPerRequest = maxPerRequest;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        CohortRequest cohorts = new CohortRequest(caller(request), Cancellation.after(timeout, TIMEOUT_SETTING), maxPerRequest);
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(CohortRequest.CONTEXT_KEY, cohorts)).build());
        return chain.next(request).doFinally(signal -> cohorts.cancel());
    }

    private String caller(WebGraphQlRequest request) {
        if (request.getAttributes().get(Caller.CONTEXT_KEY) instanceof Caller caller && !caller.anonymous()) {
            return caller.actor();
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "address:unknown" : "address:" + remote.getAddress().getHostAddress();
    }
}

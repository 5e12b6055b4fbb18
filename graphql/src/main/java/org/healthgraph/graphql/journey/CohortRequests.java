package org.healthgraph.graphql.journey;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.healthgraph.graphql.access.AccessTokens;
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
 * <p>The caller, until identities exist, is the hash of the bearer token when the token is one of
 * the listed patient-data tokens, else the client's IP address: an unlisted token is not a
 * caller of its own, or anybody could dodge the share by sending a new token each time.
 */
public final class CohortRequests implements WebGraphQlInterceptor {

    private static final String BEARER = "bearer ";
    private static final String TIMEOUT_SETTING = "healthgraph.graphql.timeout";

    private final Duration timeout;
    private final int maxPerRequest;
    private final AccessTokens tokens;

    /**
     * @param timeout the request's time limit ({@code healthgraph.graphql.timeout})
     * @param maxPerRequest cohort evaluations a request may ask for ({@code healthgraph.cohorts.max-per-request})
     * @param tokenHashes the listed patient-data tokens' hashes
     */
    public CohortRequests(Duration timeout, int maxPerRequest, List<String> tokenHashes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxPerRequest = maxPerRequest;
        this.tokens = AccessTokens.of(tokenHashes);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        CohortRequest cohorts = new CohortRequest(caller(request), Cancellation.after(timeout, TIMEOUT_SETTING), maxPerRequest);
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(CohortRequest.CONTEXT_KEY, cohorts)).build());
        return chain.next(request).doFinally(signal -> cohorts.cancel());
    }

    private String caller(WebGraphQlRequest request) {
        String header = request.getHeaders().getFirst("Authorization");
        if (header != null && header.length() > BEARER.length() && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).strip();
            if (tokens.grantsPatientData(token)) {
                return "token:" + AccessTokens.hash(token).substring(0, 16);
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "address:unknown" : "address:" + remote.getAddress().getHostAddress();
    }
}

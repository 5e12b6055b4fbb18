package org.healthgraph.graphql.access;

import java.util.List;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Reads the request's {@code Authorization: Bearer <token>} header and puts the request's
 * {@link Access} in the GraphQL context: PATIENT_DATA for a listed token, CATALOG otherwise (no
 * header, another scheme, an unknown token). A request is never refused here: only the
 * patient-level fields it asks for fail, with FORBIDDEN, and the rest of the answer is served.
 */
public final class AccessInterceptor implements WebGraphQlInterceptor {

    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;

    public AccessInterceptor(List<String> hashes) {
        this.tokens = AccessTokens.of(hashes);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String header = request.getHeaders().getFirst("Authorization");
        boolean granted = header != null && header.length() > BEARER.length()
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && tokens.grantsPatientData(header.substring(BEARER.length()).strip());
        Access access = granted ? Access.PATIENT_DATA : Access.CATALOG;
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(Access.CONTEXT_KEY, access)).build());
        return chain.next(request);
    }
}

package org.healthgraph.graph.internal.gremlin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.junit.jupiter.api.Test;

/** Which failures of a remote Gremlin Server mean "it is gone" (unavailable, retried) rather than "it refused this". */
class RemoteGremlinTest {

    @Test
    void aServerThatRejectsWorkBecauseItIsShuttingDownIsUnreachable() {
        ResponseException rejected = new ResponseException(ResponseStatusCode.SERVER_ERROR, "rejected",
                List.of("java.util.concurrent.RejectedExecutionException", "java.lang.RuntimeException"), "");

        assertThat(RemoteGremlin.isUnreachable(new CompletionException(rejected))).isTrue();
    }

    @Test
    void aTraversalTheServerFailedIsNotUnreachable() {
        ResponseException failed = new ResponseException(ResponseStatusCode.SERVER_ERROR, "no such property",
                List.of("java.lang.IllegalArgumentException"), "");

        assertThat(RemoteGremlin.isUnreachable(new CompletionException(failed))).isFalse();
    }
}

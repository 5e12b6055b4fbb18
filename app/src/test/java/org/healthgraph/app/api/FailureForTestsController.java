package org.healthgraph.app.api;

import java.time.Duration;

import org.healthgraph.app.testing.KindedFailureForTests;
import org.healthgraph.graph.ErrorKind;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

/** Test only: a field that fails the way an infrastructure failure would, message included, and a slow field. */
@Controller
class FailureForTestsController {

    static final String SECRET = "BEN_NIR_PSA=1234567890123";

    @QueryMapping
    String failureForTests() {
        throw new IllegalStateException("connection reset while reading patient " + SECRET);
    }

    /** Fails with a classified failure of the kind named. */
    @QueryMapping
    String failureOfKindForTests(@Argument String kind) {
        throw new KindedFailureForTests(ErrorKind.valueOf(kind));
    }

    /** Answers after {@code millis} (at most 10 s), without holding a thread. */
    @QueryMapping
    Mono<String> slowForTests(@Argument int millis) {
        return Mono.delay(Duration.ofMillis(Math.min(millis, 10_000))).map(x -> "done after " + millis + " ms");
    }
}

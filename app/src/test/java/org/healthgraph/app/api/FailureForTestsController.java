package org.healthgraph.app.api;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Test only: a field that fails the way an infrastructure failure would, message included. */
@Controller
class FailureForTestsController {

    static final String SECRET = "BEN_NIR_PSA=1234567890123";

    @QueryMapping
    String failureForTests() {
        throw new IllegalStateException("connection reset while reading patient " + SECRET);
    }
}

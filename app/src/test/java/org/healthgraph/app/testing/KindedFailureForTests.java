package org.healthgraph.app.testing;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/** Test only: a failure of any kind, as a module would raise it, with a message that names its kind. */
public final class KindedFailureForTests extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    /** What an internal failure's message holds: it must reach neither an API client nor a terminal. */
    public static final String SECRET = "patient 1234567890123 at bolt://10.0.0.7";

    public KindedFailureForTests(ErrorKind kind) {
        super(kind, kind == ErrorKind.INTERNAL ? "internal fault near " + SECRET : "the request is " + kind.name().toLowerCase(), null);
    }
}

package org.healthgraph.graphql.errors;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the GraphQL module's own failures: an argument or a request that the API itself
 * refuses (a cursor it did not issue, a page size out of range, a patient-level field without the
 * right). Its message is written for the API client: it names the argument and the rule, and holds
 * no patient-level data. Like every {@link HealthgraphException}, it is classified by its kind in
 * {@link ApiErrors}, the one place where failures become GraphQL errors.
 */
public final class ClientError extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    private ClientError(ErrorKind kind, String message) {
        super(kind, message, null);
    }

    public static ClientError badRequest(String message) {
        return new ClientError(ErrorKind.INVALID_INPUT, message);
    }

    public static ClientError notFound(String message) {
        return new ClientError(ErrorKind.NOT_FOUND, message);
    }

    public static ClientError forbidden(String message) {
        return new ClientError(ErrorKind.FORBIDDEN, message);
    }
}

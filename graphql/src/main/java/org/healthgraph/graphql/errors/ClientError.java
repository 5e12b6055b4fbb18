package org.healthgraph.graphql.errors;

import org.springframework.graphql.execution.ErrorType;

/**
 * An error whose message is written for the API client: it names the argument and the rule, and
 * holds no patient-level data. Controllers throw it to choose the classification.
 */
public final class ClientError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorType errorType;

    private ClientError(ErrorType errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public static ClientError badRequest(String message) {
        return new ClientError(ErrorType.BAD_REQUEST, message);
    }

    public static ClientError notFound(String message) {
        return new ClientError(ErrorType.NOT_FOUND, message);
    }

    public static ClientError forbidden(String message) {
        return new ClientError(ErrorType.FORBIDDEN, message);
    }

    public ErrorType errorType() {
        return errorType;
    }
}

package org.healthgraph.graphql.errors;

import java.util.Map;
import java.util.UUID;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * The one place where a failure raised while resolving a field becomes a GraphQL error. Failures are
 * classified by their {@link ErrorKind} alone (every module's exceptions are
 * {@link HealthgraphException}s): the client gets the message of a classified failure, which is
 * written for it, with the classification and the kind in the extensions. Anything else (an
 * {@link ErrorKind#INTERNAL} failure, or an exception of a library) is logged with a correlation id,
 * and the client gets only that id: an infrastructure message may hold identifiers or internals.
 */
public final class ApiErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        HealthgraphException classified = classified(ex);
        if (classified != null && classified.kind() != ErrorKind.INTERNAL) {
            return error(env, classification(classified.kind()), classified.kind(), classified.getMessage(), null);
        }
        String correlationId = UUID.randomUUID().toString();
        // The exception's class, message and stack go to the server log only, never to the client.
        LOG.error("Internal error {} while resolving {}", correlationId, env.getExecutionStepInfo().getPath(), ex);
        return error(env, ErrorType.INTERNAL_ERROR, ErrorKind.INTERNAL,
                "Internal error; quote correlation id " + correlationId, correlationId);
    }

    /** The classification of each kind: one mapping for the whole API. */
    public static ErrorClassification classification(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> ErrorType.BAD_REQUEST;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case CONFLICT -> ApiErrorType.CONFLICT;
            case UNAVAILABLE -> ApiErrorType.UNAVAILABLE;
            case INTERNAL -> ErrorType.INTERNAL_ERROR;
        };
    }

    /** The first classified failure in the cause chain (a data loader wraps its failures), or null. */
    private static HealthgraphException classified(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof HealthgraphException h) {
                return h;
            }
        }
        return null;
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorClassification type, ErrorKind kind,
                                      String message, String correlationId) {
        Map<String, Object> extensions = correlationId == null ? Map.of("kind", kind.name())
                : Map.of("kind", kind.name(), "correlationId", correlationId);
        return GraphqlErrorBuilder.newError(env)
                .errorType(type)
                .message(message == null ? kind.name() : message)
                .extensions(extensions)
                .build();
    }
}

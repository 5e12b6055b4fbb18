package org.healthgraph.graphql.errors;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * Maps every exception raised while resolving a field. Exceptions whose message is written for the
 * client ({@link ClientError} and the JDK's argument exceptions raised by validated value types) keep
 * it; everything else is logged with a correlation id, and the client gets only that id.
 */
@Component
public final class ApiErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ClientError client) {
            return error(env, client.errorType(), ex.getMessage(), Map.of());
        }
        if (ex instanceof IllegalArgumentException) {
            return error(env, ErrorType.BAD_REQUEST, ex.getMessage(), Map.of());
        }
        if (ex instanceof NoSuchElementException) {
            return error(env, ErrorType.NOT_FOUND, ex.getMessage(), Map.of());
        }
        if (ex instanceof SecurityException) {
            return error(env, ErrorType.FORBIDDEN, "Not allowed", Map.of());
        }
        String correlationId = UUID.randomUUID().toString();
        // The exception's class and stack go to the server log only, never to the client.
        LOG.error("Internal error {} while resolving {}", correlationId, env.getExecutionStepInfo().getPath(), ex);
        return error(env, ErrorType.INTERNAL_ERROR, "Internal error; quote correlation id " + correlationId,
                Map.of("correlationId", correlationId));
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message,
                                      Map<String, Object> extensions) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(type)
                .message(message == null ? type.name() : message)
                .extensions(extensions.isEmpty() ? null : extensions)
                .build();
    }
}

package org.healthgraph.app.config;

import org.healthgraph.graph.GraphUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a database that cannot be opened or reached into Spring Boot's short start-up report,
 * naming the setting to change, instead of a stack trace.
 */
public final class SettingFailureAnalyzer extends AbstractFailureAnalyzer<GraphUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GraphUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Change the setting named above (see the Configuration section of the README).", cause);
    }
}

package org.healthgraph.graph.internal.neo4j;

import org.healthgraph.graph.ConstraintViolationException;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.GraphUnavailableException;
import org.healthgraph.graph.Label;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * Maps driver failures to the store's exceptions. The database's own message is kept only as the
 * cause: it can quote property values, and with patient data those are identifiers.
 */
final class Neo4jErrors {

    private Neo4jErrors() {
    }

    static GraphStoreException translate(Neo4jException e, String doing) {
        String code = e.code() == null ? "" : e.code();
        if (e instanceof ServiceUnavailableException) {
            return new GraphUnavailableException("Neo4j became unreachable while " + doing
                    + ". Check that the database is running and healthgraph.neo4j.uri.", e);
        }
        if (code.contains("ConstraintValidationFailed") || code.contains("ConstraintViolation")) {
            return new ConstraintViolationException("A uniqueness constraint was violated while " + doing + " ("
                    + summarise(e) + ")", e);
        }
        if (e instanceof ClientException) {
            return new GraphStoreException("Neo4j rejected a statement while " + doing + " (" + code + ")", e);
        }
        return new GraphStoreException("Neo4j failed while " + doing + " (" + code + ")", e);
    }

    /** Names the label and property of a constraint violation, never the value. */
    private static String summarise(Neo4jException e) {
        String message = String.valueOf(e.getMessage());
        for (Label label : GraphNames.LABELS) {
            if (message.contains("`" + label.name() + "`") || message.contains(":" + label.name())) {
                return "a " + label.name() + " node with the same " + label.keyProperty() + " already exists";
            }
        }
        return "a node with the same key already exists";
    }

    static boolean isPatientLevel(Label label) {
        return GraphNames.isPatientLevel(label);
    }
}

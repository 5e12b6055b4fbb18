package org.healthgraph.journeys;

import org.healthgraph.graph.ErrorKind;

/** A cohort query breaks a rule (unknown code system, negative window, min greater than max...). */
public final class InvalidQueryException extends JourneyException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(ErrorKind.INVALID_INPUT, message);
    }
}

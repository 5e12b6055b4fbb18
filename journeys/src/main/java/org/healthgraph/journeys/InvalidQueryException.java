package org.healthgraph.journeys;

/** A cohort query breaks a rule (unknown code system, negative window, min greater than max...). */
public final class InvalidQueryException extends JourneyException {

    public InvalidQueryException(String message) {
        super(message);
    }
}

package org.healthgraph.journeys;

/** A patient-journey operation failed; the message names the argument, field or file and the rule. */
public class JourneyException extends RuntimeException {

    public JourneyException(String message) {
        super(message);
    }

    public JourneyException(String message, Throwable cause) {
        super(message, cause);
    }
}

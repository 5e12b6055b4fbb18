package org.healthgraph.journeys;

import java.util.Objects;

/**
 * Who asks for a cohort evaluation and when it must stop.
 *
 * @param caller an opaque key of the caller, for the per-caller limit (never an identifier of a patient)
 * @param cancellation when the evaluation must stop
 */
public record CohortCall(String caller, Cancellation cancellation) {

    public CohortCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /** A call from this process itself (a command, a test), never stopped by time. */
    public static CohortCall local() {
        return new CohortCall("local", Cancellation.none());
    }
}

package org.healthgraph.graphql.journey;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

import org.healthgraph.graphql.errors.ClientError;
import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CohortCall;

/**
 * The cohort evaluations of one GraphQL request: who asks (for the engine's per-caller share), when
 * they must stop (the request's time limit, or the end of the request, whichever comes first), and
 * how many the request has asked for (at most {@code maxEvaluations}; each {@code cohort} field and
 * each {@code Cohort.patients} field is one). Put in the GraphQL context by {@link CohortRequests}.
 */
public final class CohortRequest {

    /** The GraphQL context key. */
    public static final String CONTEXT_KEY = "healthgraph.cohortRequest";
    /** The setting that bounds the evaluations of a request, named in the error. */
    public static final String MAX_SETTING = "healthgraph.cohorts.max-per-request";

    private final String caller;
    private final Cancellation cancellation;
    private final int maxEvaluations;
    private final AtomicInteger asked = new AtomicInteger();
    // Guarded by this.
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    public CohortRequest(String caller, Cancellation cancellation, int maxEvaluations) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.maxEvaluations = maxEvaluations;
    }

    /** A request of this process itself (no HTTP transport, no interceptor): no time limit, no count limit. */
    static CohortRequest local() {
        return new CohortRequest("local", Cancellation.none(), Integer.MAX_VALUE);
    }

    /**
     * Runs one more evaluation of this request once the request's previous one is done: a request
     * holds at most one cohort worker at a time, so its evaluations count once against the
     * caller's share, and aliases cannot take the whole pool. Refused at once (bad request) past
     * the request's allowance.
     */
    synchronized <T> CompletableFuture<T> evaluate(String field, Function<CohortCall, CompletableFuture<T>> evaluation) {
        CohortCall call = nextEvaluation(field);
        CompletableFuture<T> next = tail.handle((r, e) -> call).thenCompose(evaluation);
        tail = next;
        return next;
    }

    private CohortCall nextEvaluation(String field) {
        int n = asked.incrementAndGet();
        if (n > maxEvaluations) {
            throw ClientError.badRequest(field + ": a request may ask for at most " + maxEvaluations
                    + " cohort evaluations (each cohort field and each Cohort.patients field is one; " + MAX_SETTING
                    + "); this request asks for more: send the others in their own requests");
        }
        return new CohortCall(caller, cancellation);
    }

    /** Stops the request's evaluations still running or waiting. */
    public void cancel() {
        cancellation.cancel();
    }

    /** The caller key (for tests and logs; never a patient identifier). */
    public String caller() {
        return caller;
    }
}

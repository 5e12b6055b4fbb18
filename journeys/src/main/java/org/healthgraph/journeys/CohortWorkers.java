package org.healthgraph.journeys;

/**
 * The cohort engine's worker pool, apart from the threads that serve requests: at most
 * {@code threads} evaluations run at once, at most {@code queue} more wait, and a caller has at
 * most {@code perCaller} evaluations running or waiting. Beyond any of these, an evaluation is
 * refused at once as {@link org.healthgraph.graph.ErrorKind#UNAVAILABLE} (the API answers 503 with
 * Retry-After) rather than queued without end.
 *
 * @param threads evaluations run at once (each on one thread)
 * @param queue evaluations waiting for a thread
 * @param perCaller evaluations one caller may have running or waiting
 */
public record CohortWorkers(int threads, int queue, int perCaller) {

    /** One thread fewer than the processors (at least one), a queue of 16, 2 per caller. */
    public static CohortWorkers defaults() {
        return new CohortWorkers(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), 16, 2);
    }

    public CohortWorkers {
        if (threads < 1 || queue < 0 || perCaller < 1) {
            throw new IllegalArgumentException("cohort workers need threads >= 1, queue >= 0 and perCaller >= 1, got threads="
                    + threads + " queue=" + queue + " perCaller=" + perCaller);
        }
    }
}

package org.healthgraph.journeys;

import java.time.Duration;
import java.util.Objects;

import org.healthgraph.graph.ErrorKind;

/**
 * When a cohort evaluation must stop: at a deadline, or when whoever asked for it gives up (the
 * request ended, timed out or its client went away). The engine looks at it between chunks of
 * patients, so a cancelled evaluation frees its worker within one chunk's time. Thread-safe.
 */
public final class Cancellation {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long deadlineNanos;
    private final String limit;
    private volatile boolean cancelled;

    private Cancellation(long deadlineNanos, String limit) {
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
    }

    /** Never cancelled by time; only {@link #cancel()} stops it. */
    public static Cancellation none() {
        return new Cancellation(NO_DEADLINE, "");
    }

    /**
     * Cancelled once {@code timeout} has passed from now, or by {@link #cancel()}.
     *
     * @param setting the setting that gave the timeout, named in the failure
     */
    public static Cancellation after(Duration timeout, String setting) {
        Objects.requireNonNull(timeout, "timeout");
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return new Cancellation(nanos >= NO_DEADLINE - now ? NO_DEADLINE : now + nanos, Objects.requireNonNull(setting, "setting"));
    }

    /** Stops every evaluation that looks at this from now on. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether the evaluations looking at this must stop. */
    public boolean isCancelled() {
        return cancelled || (deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0);
    }

    /**
     * Fails with {@link ErrorKind#UNAVAILABLE} when cancelled: the server gave up on the work, it
     * may succeed later or narrower.
     */
    public void check() {
        if (isCancelled()) {
            throw new JourneyException(ErrorKind.UNAVAILABLE, cancelled && !timedOut()
                    ? "the cohort evaluation was cancelled: its request ended"
                    : "the cohort evaluation was stopped at the request's time limit (" + limit
                    + "): narrow the query (fewer rules, a more specific index event) or retry when the server is less busy");
        }
    }

    private boolean timedOut() {
        return deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0;
    }
}

package org.healthgraph.journeys;

/**
 * Told after each committed journeys write what it changed, so that a timeline index can be kept
 * current (see {@link CohortService#keepingCurrent}). Called on the writing thread after the commit,
 * before the writer moves on to batches that repeat the same patients; a listener that throws is
 * logged and does not undo the write.
 *
 * <p>Each write is announced before its transaction begins ({@link #writing}) and ends either told
 * ({@link #committed}) or {@link #abandoned}: between the two the graph's journeys stamp may already
 * show the write, and a listener comparing stamps must not take it for another process's.
 */
@FunctionalInterface
public interface JourneyChangeListener {

    void committed(JourneyChange change);

    /** A write of this process is about to begin; {@link #committed} or {@link #abandoned} follows. */
    default void writing() {
    }

    /** The write announced by {@link #writing} failed and was rolled back: nothing changed. */
    default void abandoned() {
    }
}

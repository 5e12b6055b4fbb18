package org.healthgraph.journeys;

/**
 * Told after each committed journeys write what it changed, so that a timeline index can be kept
 * current (see {@link CohortService#keepingCurrent}). Called on the writing thread after the commit,
 * before the writer moves on to batches that repeat the same patients; a listener that throws is
 * logged and does not undo the write.
 */
@FunctionalInterface
public interface JourneyChangeListener {

    void committed(JourneyChange change);
}

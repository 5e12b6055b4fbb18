package org.healthgraph.journeys;

import java.util.Objects;

/**
 * The index event of a cohort: which events qualify and which occurrence per patient is kept.
 * The occurrence is chosen among the events that match {@code event}; then the washout and prior
 * observation filter it (so a FIRST event inside its washout removes the patient).
 *
 * @param event the criterion
 * @param occurrence FIRST, LAST or ALL (every occurrence is a candidate index)
 * @param washoutDays no other event matching {@code event} may start in the days [start - washoutDays, start - 1]
 * @param priorObservationDays the patient must have some event starting on or before start - priorObservationDays
 */
public record IndexEvent(EventCriterion event, Occurrence occurrence, int washoutDays, int priorObservationDays) {

    /** Which occurrence of the index criterion counts. */
    public enum Occurrence { FIRST, LAST, ALL }

    public IndexEvent {
        Objects.requireNonNull(event, "an index needs an 'event'");
        occurrence = occurrence == null ? Occurrence.FIRST : occurrence;
        if (washoutDays < 0 || priorObservationDays < 0) {
            throw new InvalidQueryException("index washoutDays and priorObservationDays must not be negative, got "
                    + washoutDays + " and " + priorObservationDays);
        }
    }
}

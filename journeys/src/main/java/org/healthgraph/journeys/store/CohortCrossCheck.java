package org.healthgraph.journeys.store;

import java.util.List;

import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.PatientId;

/**
 * A cohort query answered by the graph database itself, in its own query language, to cross-check
 * the timeline engine (same semantics, docs/trajectories.md). A capability of some backends only
 * ({@link JourneyStore#crossCheck}).
 */
public interface CohortCrossCheck {

    /** Raw (unsuppressed) patients after each step: the index event, then each rule. */
    long[] rawAttrition(CohortQuery query);

    /** A page of the ids of the patients in the cohort, in id order. */
    List<PatientId> patientIds(CohortQuery query, int offset, int limit);

    /** The statement run, for display. */
    String statement(CohortQuery query);
}

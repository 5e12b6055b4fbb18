/**
 * Patient journeys: patients and their care events (stays, dispensings, acts, deaths) linked to the
 * catalog's codes, temporal cohort queries over them (index events, windows, counts, negation,
 * nested groups), attrition, pathways and small-count suppression. The semantics are written down
 * in docs/trajectories.md; {@link org.healthgraph.journeys.Journeys} is the entry point.
 */
package org.healthgraph.journeys;

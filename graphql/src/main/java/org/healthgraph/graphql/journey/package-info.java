/**
 * The GraphQL side of patient journeys: {@code Query.cohort} (count, attrition, pathways, a page of
 * patient ids) and {@code Query.journeyPatient} (a patient's care events), over the journeys
 * module's {@code CohortService}.
 */
package org.healthgraph.graphql.journey;

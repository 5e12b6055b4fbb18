/**
 * The GraphQL side of patient journeys: {@code Query.cohort} (count, attrition, pathways, a page of
 * patient ids) and {@code Query.journeyPatient} (a patient's care events), over the linkage module's
 * {@code Journeys}, with its errors mapped to BAD_REQUEST.
 */
package org.healthgraph.graphql.journey;

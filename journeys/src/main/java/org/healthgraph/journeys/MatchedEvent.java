package org.healthgraph.journeys;

/** An event of a patient that a query matched: the index, or an event bound to a name. */
public record MatchedEvent(String role, CareEvent event) {
}

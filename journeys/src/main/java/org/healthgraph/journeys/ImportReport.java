package org.healthgraph.journeys;

/** What an import wrote: patients, events, and how long the graph writes and the index update took. */
public record ImportReport(long patients, long events, long graphMillis, long indexMillis) {
}

package org.healthgraph.journeys;

import java.util.Optional;

import org.healthgraph.journeys.store.JourneysStamp;

/**
 * What an import wrote.
 *
 * @param patients patients written
 * @param events their events
 * @param millis time of the writes
 * @param stamp the graph's journeys stamp after the last write (empty when nothing was written)
 */
public record ImportReport(long patients, long events, long millis, Optional<JourneysStamp> stamp) {
}

package org.healthgraph.journeys;

import java.util.List;
import java.util.Objects;

import org.healthgraph.journeys.store.JourneysStamp;

/**
 * What one committed journeys write changed: the patients it wrote (each as now in the graph,
 * replacing its former timeline) and the journeys stamp the write moved the graph to.
 *
 * @param patients the patients written, whole
 * @param stamp the graph's stamp after this write
 */
public record JourneyChange(List<PatientJourney> patients, JourneysStamp stamp) {

    public JourneyChange {
        patients = List.copyOf(patients);
        Objects.requireNonNull(stamp, "stamp");
    }

    @Override
    public String toString() {
        // Patients are patient-level data: never printed.
        return "JourneyChange[" + patients.size() + " patients, stamp " + stamp + "]";
    }
}

package org.healthgraph.journeys.store.internal.neo4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.healthgraph.graph.GraphBulkLoad;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.store.JourneyStores;
import org.healthgraph.journeys.store.JourneysStamp;

/** A first load of patients into the embedded Neo4j by its batch importer, the stamp node included. */
public final class Neo4jJourneyBulkLoad {

    private Neo4jJourneyBulkLoad() {
    }

    /** See {@link JourneyStores#bulkLoad}. */
    public static Optional<JourneyStores.BulkLoaded> load(Path dataDir, List<PatientJourney> patients, Consumer<String> progress) {
        JourneysStamp stamp = JourneysStamp.first();
        JourneyBulkSource source = new JourneyBulkSource(patients, stamp);
        try {
            return GraphBulkLoad.loadIfAbsent(dataDir, GraphNames.PATIENT, source, Neo4jJourneyStore.LABELS,
                            Neo4jJourneyStore.INDEXES, progress)
                    .map(r -> new JourneyStores.BulkLoaded(source.patientCount(), source.eventCount(), stamp));
        } catch (JourneyBulkSource.NotAFirstLoad e) {
            // Thrown while preparing, before anything was written.
            return Optional.empty();
        }
    }
}

package org.healthgraph.journeys.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.healthgraph.graph.GraphBulkLoad;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.store.internal.neo4j.Neo4jJourneyBulkLoad;
import org.healthgraph.journeys.store.internal.gremlin.GremlinCohortDefinitionStore;
import org.healthgraph.journeys.store.internal.gremlin.GremlinJourneyStore;
import org.healthgraph.journeys.store.internal.neo4j.Neo4jCohortDefinitionStore;
import org.healthgraph.journeys.store.internal.neo4j.Neo4jJourneyStore;

/** Opens journey stores. */
public final class JourneyStores {

    private JourneyStores() {
    }

    /** The journey store over this graph store, in the graph's own backend. */
    public static JourneyStore on(GraphStore graph) {
        return switch (graph.backend()) {
            case NEO4J -> new Neo4jJourneyStore(graph);
            case GREMLIN -> new GremlinJourneyStore(GremlinGraph.require(graph, "the Gremlin journey store"));
        };
    }

    /** The store of saved cohort definitions over this graph store, in the graph's own backend; its schema is not ensured. */
    public static CohortDefinitionStore definitionsOn(GraphStore graph) {
        return switch (graph.backend()) {
            case NEO4J -> new Neo4jCohortDefinitionStore(Neo4jGraph.require(graph, "the Neo4j cohort definition store"));
            case GREMLIN -> new GremlinCohortDefinitionStore(GremlinGraph.require(graph, "the Gremlin cohort definition store"));
        };
    }

    /**
     * What a bulk load wrote.
     *
     * @param patients patients loaded (a patient listed twice counts once)
     * @param events their events
     * @param stamp the journeys stamp the load gave the graph
     */
    public record BulkLoaded(long patients, long events, JourneysStamp stamp) {
    }

    /** Whether this JVM can run Neo4j's batch importer (see {@link GraphBulkLoad#isAvailable}). */
    public static boolean bulkLoadAvailable() {
        return GraphBulkLoad.isAvailable();
    }

    /**
     * A first load of many patients into the embedded Neo4j under {@code dataDir}, written offline
     * by Neo4j's batch importer (see {@link GraphBulkLoad}): the same nodes and relationships as
     * {@link JourneyStore#write}, tens of times faster, and a first stamp. Nothing may have the
     * database open. Returns empty, changing nothing, when the graph holds patients or a journeys
     * stamp already: then write through {@link JourneyStore#write}. All or nothing.
     *
     * @param progress receives one line per phase (counts and times only)
     */
    public static Optional<BulkLoaded> bulkLoad(Path dataDir, List<PatientJourney> patients, Consumer<String> progress) {
        return Neo4jJourneyBulkLoad.load(dataDir, patients, progress);
    }
}

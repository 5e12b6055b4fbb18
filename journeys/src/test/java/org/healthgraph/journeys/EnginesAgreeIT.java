package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;

import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property: on random populations and random queries, the timeline engine and the Cypher engine
 * give the same attrition and the same cohort patients. Any difference fails, printing the query.
 * Uses its own embedded Neo4j so that no other test's patients are counted.
 */
class EnginesAgreeIT {

    private static Path dir;
    private static GraphStore store;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("journeys-agree-");
        store = GraphStores.open(GraphSettings.embedded(dir));
    }

    @AfterAll
    static void stop() throws IOException {
        store.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void timelineAndCypherEnginesAgreeOnRandomPopulationsAndQueries() {
        JourneyStore journeyStore = JourneyStores.on(store);
        journeyStore.ensureSchema();
        JourneyImporter importer = new JourneyImporter(journeyStore);
        CohortService journeys = CohortService.over(journeyStore, Optional.empty(), new IndexReadiness()).awaitReady();
        importer.addListener(journeys.keepingCurrent());
        for (int population = 0; population < 2; population++) {
            Random r = new Random(1000 + population);
            importer.importPatients(RandomCohorts.population(r, 150, population), 100, n -> { });
            CohortService reread = CohortService.over(journeyStore, Optional.empty(), new IndexReadiness()).awaitReady();
            for (int q = 0; q < 20; q++) {
                CohortQuery query = RandomCohorts.query(r);
                long[] timeline = journeys.rawAttrition(query);
                long[] cypher = journeys.crossCheck(query);
                String context = "population " + population + " query " + q + ":\n" + CohortQueries.toJson(query)
                        + "\nCypher:\n" + journeys.crossCheckStatement(query);
                assertThat(cypher).as(context).containsExactly(timeline);
                assertThat(reread.rawAttrition(query)).as("index rebuilt from the graph, " + context).containsExactly(timeline);
                assertThat(journeys.crossCheckIds(query, 0, 10_000)).as(context)
                        .isEqualTo(journeys.patientIds(query, 0, 10_000));
            }
        }
    }
}

package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.store.JourneyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Freshness across processes (issue 14, item 5). The finding: after another process imported
 * patients into the same graph, the running server kept answering cohorts from its old timeline
 * index until restarted. Here a second store client on the server's own Neo4j (over Bolt, with the
 * data folder's password: a real second writer the server is not told of) writes patients; the
 * server's next cohort answers either include them or are 503 with Retry-After while it catches
 * up, never the old count; and {@code /actuator/health} shows the new counts. The interval check is
 * set long (an hour) so that the check before each cohort is what is tested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProcessFreshnessIT {

    private static final String DEATHS = "{ cohort(query: {index: {event: {types: [DEATH]}}, suppressBelow: 1}) { count { value } } }";
    private static Path dataDir;
    private static int boltPort;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("healthgraph-freshness-it-");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            boltPort = socket.getLocalPort();
        }
        registry.add("healthgraph.data-dir", dataDir::toString);
        registry.add("healthgraph.neo4j.embedded.bolt-port", () -> Integer.toString(boltPort));
        registry.add("healthgraph.freshness.check-interval", () -> "1h");
        // every request reads the catalog stamp: the test writes and reads again at once
        registry.add("healthgraph.freshness.request-tolerance", () -> "0s");
        // Freshness is under test, not the disclosure control: counts of one or two patients, exact.
        registry.add("healthgraph.security.suppression-floor", () -> "1");
        registry.add("healthgraph.security.disclosure", () -> "EXACT");
    }

    @Autowired
    Environment environment;

    @Autowired
    JourneyImporter importer;

    @Autowired
    CohortService cohorts;

    private final ObjectMapper json = new ObjectMapper();
    private GraphStore secondWriter;

    private static List<PatientJourney> deadPatients(String prefix, int n) {
        List<PatientJourney> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate day = LocalDate.of(2023, 3, 1 + i);
            out.add(new PatientJourney(new PatientId(prefix + String.format("%04d", i)), List.of(), Optional.of(LocalDate.of(1940, 1, 1)),
                    1, "75", Optional.empty(), List.of(new CareEvent(EventType.DEATH, day, day, "KI_CCI_R", 0, List.of()))));
        }
        return out;
    }

    @BeforeAll
    void threePatientsImportedByTheServerItself() throws Exception {
        importer.importPatients(deadPatients("FRESHA", 3));
        cohorts.awaitReady();
        String password = Files.readString(dataDir.resolve("neo4j").resolve(".bolt-password"), StandardCharsets.US_ASCII).strip();
        secondWriter = GraphStores.open(GraphSettings.external(URI.create("bolt://127.0.0.1:" + boltPort), "neo4j", password));
    }

    @AfterAll
    void close() {
        if (secondWriter != null) {
            secondWriter.close();
        }
    }

    private HttpResponse<String> post(String query) {
        return new LocalHttp(environment).as("chercheur").post("/graphql", json.writeValueAsString(Map.of("query", query)));
    }

    /** The cohort's count once answered; every answer before must be a 503 with Retry-After, never another count. */
    private long countOnceCaughtUp() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = post(DEATHS);
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.body()).contains("timeline index");
                Thread.sleep(100);
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return json.readTree(r.body()).path("data").path("cohort").path("count").path("value").asLong();
        }
        throw new AssertionError("the server did not catch up in 30 s");
    }

    private JsonNode timelineHealth() {
        return json.readTree(new LocalHttp(environment).get("/actuator/health").body()).path("components").path("indexes")
                .path("details").path(CohortService.INDEX_NAME);
    }

    @Test
    void patientsWrittenByAnotherClientOfTheGraphAreInTheNextCohortAnswerOrItIs503NeverTheOldCount() throws Exception {
        long before = countOnceCaughtUp();

        JourneyStores.on(secondWriter).write(deadPatients("FRESHB", 2));

        assertThat(countOnceCaughtUp()).as("the first answer after the other client's write").isEqualTo(before + 2);
        JsonNode health = timelineHealth();
        assertThat(health.path("state").asString()).isEqualTo("READY");
        assertThat(health.path("patients").asLong()).isEqualTo(before + 2);

        JourneyStores.on(secondWriter).write(deadPatients("FRESHC", 4));
        assertThat(countOnceCaughtUp()).isEqualTo(before + 6);
        assertThat(timelineHealth().path("patients").asLong()).isEqualTo(before + 6);
    }

    /**
     * A catalog change (a table) written by the other client: the server's next catalog read shows it
     * (its cached "no such table" dropped), and its next search finds it or is 503 with Retry-After
     * while the search index catches up, never the old answer.
     */
    @Test
    void aTableWrittenByAnotherClientOfTheGraphIsInTheNextCatalogReadAndSearchOrSearchIs503() throws Exception {
        String name = "FRESHTAB" + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT);
        String tableQuery = "{ table(name: \"" + name + "\") { name title } }";
        String searchQuery = "{ search(query: \"" + name + "\", first: 5) { totalCount hits { key } } }";
        HttpResponse<String> before = post(tableQuery);
        assertThat(json.readTree(before.body()).path("data").path("table").isNull()).as(before.body()).isTrue();
        assertThat(searchKeys(searchQuery)).doesNotContain(name);

        org.healthgraph.catalog.CatalogWriter other = org.healthgraph.catalog.Catalogs.writer(secondWriter);
        other.write(org.healthgraph.catalog.CatalogUnit.of(name + ".json")
                .withDatasets(List.of(org.healthgraph.catalog.Dataset.named("FRESH")))
                .withTables(List.of(new org.healthgraph.catalog.Table(org.healthgraph.catalog.TableName.of(name),
                        "Table importée par un autre processus", "FRESH", "", "",
                        new org.healthgraph.catalog.History("2020", "", List.of()), List.of()))));

        HttpResponse<String> after = post(tableQuery);
        assertThat(json.readTree(after.body()).path("data").path("table").path("title").asString())
                .as(after.body()).isEqualTo("Table importée par un autre processus");
        assertThat(searchKeys(searchQuery)).as("the first search answered after the other client's write").contains(name);
        JsonNode search = json.readTree(new LocalHttp(environment).get("/actuator/health").body()).path("components")
                .path("indexes").path("details").path("search index");
        assertThat(search.path("state").asString()).isEqualTo("READY");
    }

    /** The keys a search finds once answered; every answer before must be a 503 with Retry-After. */
    private List<String> searchKeys(String query) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = post(query);
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.body()).contains("catching up");
                Thread.sleep(100);
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> keys = new ArrayList<>();
            json.readTree(r.body()).path("data").path("search").path("hits").forEach(h -> keys.add(h.path("key").asString()));
            return keys;
        }
        throw new AssertionError("the search index did not catch up in 30 s");
    }

    @Test
    void patientsImportedByTheServerItselfAreCountedInTheHealthEndpointWithoutARebuild() throws Exception {
        long before = countOnceCaughtUp();
        CohortService.OpenReport opened = cohorts.lastOpen().orElseThrow();
        importer.importPatients(deadPatients("FRESHD", 2));

        assertThat(countOnceCaughtUp()).isEqualTo(before + 2);
        assertThat(timelineHealth().path("patients").asLong()).as("health after the change applied at query").isEqualTo(before + 2);
        assertThat(cohorts.lastOpen()).as("the index was not reopened: the change was told, not read back").containsSame(opened);
    }
}

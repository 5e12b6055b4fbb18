package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.store.CohortCrossCheck;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneysStamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * While the timeline index is being built, over real HTTP: a cohort request is answered at once with
 * 503, a Retry-After header and a message saying what to wait for; other requests are served;
 * {@code /actuator/health} shows the index building, then ready with its counts; the same request
 * is answered 200 once the build is done. The build is held by a gate on the real journey store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexReadinessIT {

    private static final String COHORT = "{ cohort(query: {index: {event: {types: [HOSPITAL_STAY]}}}) { count { value } } }";
    private static final CountDownLatch GATE = new CountDownLatch(1);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-readiness-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    /** The application's cohort service, over its real journey store whose reads of patients wait for the gate. */
    @TestConfiguration(proxyBeanMethods = false)
    static class GatedBuild {
        @Bean(destroyMethod = "close")
        @Primary
        CohortService gatedCohortService(JourneyStore store, IndexReadiness readiness) {
            return CohortService.over(new Gated(store), Optional.empty(), readiness);
        }
    }

    @Autowired
    Environment environment;

    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(String query) {
        return new LocalHttp(environment).as("chercheur").post("/graphql", json.writeValueAsString(java.util.Map.of("query", query)));
    }

    @AfterAll
    void open() {
        GATE.countDown();
    }

    @Test
    void aCohortRequestDuringTheBuildGets503WithRetryAfterOthersAreServedAndItGets200Afterwards() throws Exception {
        // The gate is closed: a request that waited for the index would never be answered (408 after the timeout).
        HttpResponse<String> during = post(COHORT);

        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                .isBetween(1L, 60L));
        JsonNode error = json.readTree(during.body()).path("errors").path(0);
        assertThat(error.path("message").asString()).contains("the timeline index is being").contains("retry");
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("UNAVAILABLE");

        HttpResponse<String> version = post("{ version { healthgraph } }");
        assertThat(version.statusCode()).isEqualTo(200);

        JsonNode building = json.readTree(new LocalHttp(environment).get("/actuator/health").body());
        assertThat(building.path("components").path("indexes").path("status").asString()).isEqualTo("BUILDING");
        assertThat(building.path("components").path("indexes").path("details").path(CohortService.INDEX_NAME).path("state")
                .asString()).isEqualTo("BUILDING");

        GATE.countDown();
        HttpResponse<String> after = post(COHORT);
        for (int i = 0; i < 300 && after.statusCode() == 503; i++) {
            Thread.sleep(100);
            after = post(COHORT);
        }

        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json.readTree(after.body()).path("data").path("cohort").path("count").isObject()).isTrue();
        HttpResponse<String> health = new LocalHttp(environment).get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode ready = json.readTree(health.body()).path("components").path("indexes");
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.path("details").path(CohortService.INDEX_NAME).path("state").asString()).isEqualTo("READY");
        assertThat(ready.path("details").path(CohortService.INDEX_NAME).has("patients")).isTrue();
    }

    /** The real store; its reads of patients wait for the gate. */
    private record Gated(JourneyStore store) implements JourneyStore {
        @Override
        public String backend() {
            return store.backend();
        }

        @Override
        public void ensureSchema() {
            store.ensureSchema();
        }

        @Override
        public JourneysStamp write(List<PatientJourney> batch) {
            return store.write(batch);
        }

        @Override
        public List<PatientJourney> patients(Optional<PatientId> after, int limit) {
            try {
                GATE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.patients(after, limit);
        }

        @Override
        public List<PatientId> projectMembers(ProjectCode project, Optional<PatientId> after, int limit) {
            return store.projectMembers(project, after, limit);
        }

        @Override
        public java.util.Set<ProjectCode> projectsOf(PatientId patient) {
            return store.projectsOf(patient);
        }

        @Override
        public java.util.Map<ProjectCode, Long> projects() {
            return store.projects();
        }

        @Override
        public Optional<JourneysStamp> stamp() {
            return store.stamp();
        }

        @Override
        public JourneysStamp moveStamp() {
            return store.moveStamp();
        }

        @Override
        public JourneysStamp ensureStamp() {
            return store.ensureStamp();
        }

        @Override
        public long patientCount() {
            return store.patientCount();
        }

        @Override
        public long eventCount() {
            return store.eventCount();
        }

        @Override
        public Optional<CohortCrossCheck> crossCheck() {
            return store.crossCheck();
        }
    }
}

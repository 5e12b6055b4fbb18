package org.healthgraph.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.app.testing.LocalHttp;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Cohort cost and cancellation over real HTTP (issue 14, item 3). The finding: a cohort's cost was
 * not counted by the complexity limit, the 10 s timeout answered 408 while the evaluation went on,
 * ten aliases of one heavy cohort held a request 41 s while a trivial request took 50 s. Here a
 * heavy cohort (every stay of 600 patients of 300 stays a candidate index, fifty rules each reading
 * the whole timeline: seconds of work) is stopped within 1 s of the 2 s time limit, its worker is
 * free again (in flight back to 0), and a trivial request is answered quickly meanwhile; aliases
 * beyond the cost limit are refused before anything runs; a request's and a caller's evaluations
 * are bounded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortCostIT {

    private static final long TIMEOUT_MS = 2_000;
    private static final String RULE_NO_DEATH =
            "{label: \"no death\", condition: {event: {types: [DEATH]}, anchorSide: END, count: NONE}}";
    private static final String RULE_NEVER =
            "{label: \"never\", condition: {event: {types: [HOSPITAL_STAY]}, anchorSide: END, count: AT_LEAST, times: 10000}}";
    /** Every stay a candidate, 49 rules that hold and a last that never does: each candidate reads the timeline 50 times. */
    private static final String HEAVY = "cohort(query: {index: {event: {types: [HOSPITAL_STAY]}, occurrence: ALL}, suppressBelow: 1, rules: ["
            + IntStream.range(0, 49).mapToObj(i -> RULE_NO_DEATH).collect(Collectors.joining(", ")) + ", " + RULE_NEVER
            + "]}) { count { value } }";
    private static final String LIGHT = "cohort(query: {index: {event: {types: [HOSPITAL_STAY]}}, suppressBelow: 1}) { count { value } }";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("healthgraph-cohort-cost-it-");
        registry.add("healthgraph.data-dir", dir::toString);
        registry.add("healthgraph.graphql.timeout", () -> TIMEOUT_MS + "ms");
        // One heavy cohort (600 x 300 x 300 x 50 event tests, 2.7 M units) fits; two do not.
        registry.add("healthgraph.graphql.max-complexity", () -> "4000000");
        // The cost and its limits are under test, not the disclosure control: small counts may show.
        registry.add("healthgraph.security.suppression-floor", () -> "1");
        registry.add("healthgraph.security.disclosure", () -> "EXACT");
        registry.add("healthgraph.cohorts.workers", () -> "1");
        registry.add("healthgraph.cohorts.queue", () -> "4");
        registry.add("healthgraph.cohorts.per-caller", () -> "2");
        registry.add("healthgraph.cohorts.max-per-request", () -> "3");
    }

    /** The application's cohort service, over a population made for heavy queries, with the application's worker settings. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HeavyPopulation {
        @Bean(destroyMethod = "close")
        @Primary
        CohortService heavyCohortService(HealthgraphProperties properties) {
            List<PatientJourney> patients = new ArrayList<>();
            LocalDate d0 = LocalDate.of(2023, 1, 10);
            for (int i = 0; i < 600; i++) {
                List<CareEvent> events = new ArrayList<>();
                for (int d = 0; d < 300; d++) {
                    events.add(new CareEvent(EventType.HOSPITAL_STAY, d0.plusDays(3L * d), d0.plusDays(3L * d + 1), "T_MCO23C", 0,
                            List.of(new EventCode(CodeSystem.ICD10, "I210", CodeRole.PRINCIPAL))));
                }
                patients.add(new PatientJourney(new PatientId(String.format("H%05d", i)), List.of(),
                        Optional.of(LocalDate.of(1950, 1, 1)), 1, "75", Optional.empty(), events));
            }
            return CohortService.inMemory(patients, properties.cohorts().pool());
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    CohortService cohorts;

    private final ObjectMapper json = new ObjectMapper();
    /** Clients of their own: the common pool has one thread on two cores, and would send the requests one after another. */
    private final ExecutorService clients = Executors.newCachedThreadPool();

    private HttpResponse<String> post(String query) {
        return new LocalHttp(environment).as("chercheur").post("/graphql", json.writeValueAsString(Map.of("query", query)));
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private void awaitIdle(long withinMs) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs);
        while (cohorts.inFlight() > 0 && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    @AfterEach
    void idle() throws InterruptedException {
        awaitIdle(10_000);
        assertThat(cohorts.inFlight()).as("cohort evaluations in flight after the test").isZero();
    }

    @Test
    void aHeavyCohortIsStoppedWithinOneSecondOfTheTimeoutWhileATrivialRequestIsAnsweredAtOnce() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> heavy = CompletableFuture.supplyAsync(() -> post("{ " + HEAVY + " }"), clients);
        for (int i = 0; i < 200 && cohorts.inFlight() == 0; i++) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(cohorts.inFlight()).as("the heavy cohort is being evaluated").isEqualTo(1);

        long trivialStart = System.nanoTime();
        HttpResponse<String> trivial = post("{ version { healthgraph } }");
        long trivialMs = (System.nanoTime() - trivialStart) / 1_000_000;
        assertThat(trivial.statusCode()).isEqualTo(200);
        assertThat(trivialMs).as("ms to answer a trivial request while the heavy cohort runs").isLessThan(1_000);
        assertThat(cohorts.inFlight()).as("the heavy cohort is still running").isEqualTo(1);

        HttpResponse<String> answer = heavy.get(30, TimeUnit.SECONDS);
        awaitIdle(5_000);
        long stoppedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(answer.statusCode()).as(answer.body()).isIn(408, 503);
        assertThat(cohorts.inFlight()).isZero();
        assertThat(stoppedMs).as("ms from the request to a free worker (time limit %d ms)", TIMEOUT_MS)
                .isLessThan(TIMEOUT_MS + 1_000);
    }

    @Test
    void aliasesOfAHeavyCohortBeyondTheCostLimitAreRefusedBeforeAnythingRuns() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = post("{ a: " + HEAVY + " b: " + HEAVY + " }");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        JsonNode errors = body(response).path("errors");
        assertThat(errors.path(0).path("message").asString()).as(response.body())
                .contains("over the limit 4000000").contains("healthgraph.graphql.max-complexity").contains("not run");
        assertThat(body(response).path("data").path("a").isMissingNode() || body(response).path("data").isNull()).isTrue();
        assertThat(ms).as("ms to refuse").isLessThan(1_000);
        assertThat(cohorts.inFlight()).isZero();
    }

    @Test
    void aRequestMayAskForAtMostItsAllowanceOfCohortEvaluations() throws Exception {
        JsonNode three = body(post("{ a: " + LIGHT + " b: " + LIGHT + " c: " + LIGHT + " }"));
        assertThat(three.has("errors")).as(three.toString()).isFalse();
        assertThat(List.of("a", "b", "c")).allSatisfy(a -> assertThat(three.path("data").path(a).path("count").path("value").asLong())
                .isEqualTo(600));

        JsonNode four = body(post("{ a: " + LIGHT + " b: " + LIGHT + " c: " + LIGHT + " d: " + LIGHT + " }"));
        assertThat(four.path("errors")).as(four.toString()).hasSize(1);
        assertThat(four.path("errors").path(0).path("message").asString())
                .contains("at most 3 cohort evaluations").contains("healthgraph.cohorts.max-per-request");
        assertThat(four.path("errors").path(0).path("path").path(0).asString()).isEqualTo("d");
    }

    @Test
    void aCallerBeyondItsShareGets503WithRetryAfterAtOnce() throws Exception {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post("{ " + HEAVY + " }"), clients);
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> post("{ " + HEAVY + " }"), clients);
        for (int i = 0; i < 400 && cohorts.inFlight() < 2; i++) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(cohorts.inFlight()).isEqualTo(2);

        long t0 = System.nanoTime();
        HttpResponse<String> third = post("{ " + LIGHT + " }");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("healthgraph.cohorts.per-caller");
        assertThat(ms).as("ms to refuse").isLessThan(1_000);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
    }
}

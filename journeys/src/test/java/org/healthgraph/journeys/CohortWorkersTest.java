package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthgraph.journeys.CohortSemanticsTest.DEATH;
import static org.healthgraph.journeys.CohortSemanticsTest.MI;
import static org.healthgraph.journeys.CohortSemanticsTest.patient;
import static org.healthgraph.journeys.CohortSemanticsTest.stay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.journeys.Condition.Count;
import org.healthgraph.journeys.Condition.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cohort engine's own pool: evaluations run on its workers, stop when cancelled or at their
 * deadline (the worker is free again), and are refused at once, as unavailable, when the queue or
 * the caller's share is full. A heavy query (every stay a candidate index, fifty rules each reading
 * the whole timeline) takes seconds on this population.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortWorkersTest {

    /**
     * Every stay an index candidate, fifty rules each reading the whole timeline, the last never
     * met (so that every candidate is tried): seconds of work.
     */
    static final CohortQuery HEAVY = heavy();
    static final CohortQuery LIGHT = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0), List.of(), null, 1);

    private CohortService cohorts;

    private static CohortQuery heavy() {
        List<InclusionRule> rules = new ArrayList<>(Collections.nCopies(CohortQuery.MAX_RULES - 1, new InclusionRule("no death",
                Condition.after(DEATH, "index", Side.END, 0, null).counting(Count.NONE, 0))));
        rules.add(new InclusionRule("ten thousand stays", Condition.after(MI, "index", Side.END, 0, null)
                .counting(Count.AT_LEAST, 10_000)));
        return new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.ALL, 0, 0), rules, null, 1);
    }

    @BeforeAll
    void population() {
        List<PatientJourney> ps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<CareEvent> events = new ArrayList<>();
            for (int d = 0; d < 300; d++) {
                events.add(stay(d * 3, 1, "I210"));
            }
            ps.add(patient("H" + i, 1950, events.toArray(CareEvent[]::new)));
        }
        cohorts = CohortService.inMemory(ps, new CohortWorkers(1, 1, 2));
    }

    @AfterAll
    void close() {
        cohorts.close();
    }

    private static HealthgraphException failure(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return (HealthgraphException) e.getCause();
        }
        throw new AssertionError("expected a failure, got an answer");
    }

    private void awaitIdle() throws InterruptedException {
        for (int i = 0; i < 200 && cohorts.inFlight() > 0; i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(cohorts.inFlight()).as("evaluations in flight").isZero();
    }

    @Test
    void aHeavyEvaluationStopsAtItsDeadlineAndFreesItsWorker() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<CohortResult> heavy = cohorts.cohort(HEAVY,
                new CohortCall("a", Cancellation.after(Duration.ofMillis(300), "test.timeout")));
        HealthgraphException e = failure(heavy);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("time limit (test.timeout)");
        assertThat(ms).as("ms until the evaluation stopped").isLessThan(1_300);
        awaitIdle();
        assertThat(cohorts.cohort(LIGHT, new CohortCall("a", Cancellation.none())).get(5, TimeUnit.SECONDS)
                .count().value()).hasValue(200);
    }

    @Test
    void aCancelledEvaluationStopsAndFreesItsWorker() throws Exception {
        Cancellation c = Cancellation.none();
        CompletableFuture<CohortResult> heavy = cohorts.cohort(HEAVY, new CohortCall("b", c));
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(cohorts.inFlight()).isEqualTo(1);
        long t0 = System.nanoTime();
        c.cancel();
        assertThat(failure(heavy).getMessage()).contains("cancelled");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
        awaitIdle();
    }

    @Test
    void aFullQueueAndAFullCallerShareAreRefusedAtOnceNamingTheirSettings() throws Exception {
        Cancellation c = Cancellation.none();
        try {
            CompletableFuture<CohortResult> running = cohorts.cohort(HEAVY, new CohortCall("c", c));
            TimeUnit.MILLISECONDS.sleep(50);
            CompletableFuture<CohortResult> waiting = cohorts.cohort(HEAVY, new CohortCall("c", c));
            HealthgraphException share = failure(cohorts.cohort(LIGHT, new CohortCall("c", c)));
            assertThat(share.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(share.getMessage()).contains("healthgraph.cohorts.per-caller");
            HealthgraphException full = failure(cohorts.cohort(LIGHT, new CohortCall("d", c)));
            assertThat(full.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(full.getMessage()).contains("healthgraph.cohorts.queue");
            assertThat(running).isNotDone();
            assertThat(waiting).isNotDone();
        } finally {
            c.cancel();
        }
        awaitIdle();
    }

    @Test
    void theCostOfAQueryCountsTheEventTestsItWillMakeBeforeRunningIt() {
        assertThat(cohorts.cost(LIGHT)).hasValue(200L * 300);
        // Every one of the 300 stays of a patient is a candidate index, each tried against every rule over the 300 events.
        assertThat(cohorts.cost(HEAVY)).hasValue(200L * 300 + 200L * 300 * 300 * CohortQuery.MAX_RULES);
    }

    @Test
    void theSynchronousPathStillAnswersOnTheCallingThread() {
        assertThat(cohorts.cohort(LIGHT).count().value()).hasValue(200);
        assertThat(cohorts.patients(LIGHT, 0, 2, CohortCall.local()).join())
                .isEqualTo(new CohortService.PatientsPage(200, List.of(new PatientId("H0"), new PatientId("H1"))));
    }
}

package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthgraph.journeys.CohortSemanticsTest.DEATH;
import static org.healthgraph.journeys.CohortSemanticsTest.MI;
import static org.healthgraph.journeys.CohortSemanticsTest.death;
import static org.healthgraph.journeys.CohortSemanticsTest.drug;
import static org.healthgraph.journeys.CohortSemanticsTest.stay;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.healthgraph.journeys.Condition.Count;
import org.healthgraph.journeys.Condition.Side;
import org.junit.jupiter.api.Test;

/**
 * The classic differencing attack on released counts, in its three forms from the probe of issue 13:
 * two cohorts that differ by one criterion, two consecutive attrition rows, and a pathway node minus
 * its other incoming link. Each trial hides a small group (1 to 10 patients, suppressed when asked for
 * directly) inside a larger one; the attack recovers it exactly from exact counts every time, and only
 * by chance from counts released with the cell-key perturbation. In this population the three routes
 * meet the same two sets of patients (all MI patients, and those not in the hidden group), so they
 * meet the same two released values: a set of patients is released the same whichever question
 * reaches it, which is what stops an attacker from combining routes to average the offsets away.
 */
class DifferencingAttackTest {

    private static final int TRIALS = 300;
    private static final int THRESHOLD = 11;
    private static final EventCriterion STATIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA");
    private static final EventCriterion METFORMIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA");
    private static final EventCriterion ASPIRIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "B01AC");

    private final Disclosure cellKey = Disclosure.cellKey(newKey());

    /** One hidden group inside a population, and what the attacker learns of it by each route. */
    private record Trial(int hidden, long[] recovered) {
    }

    @Test
    void exactCountsGiveEveryHiddenGroupAwayWhileTheDirectQueryIsSuppressed() {
        double[] rates = successRates(Disclosure.exact());

        assertThat(rates).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void perturbedCountsGiveTheHiddenGroupAwayOnlyByChance() {
        double[] exact = successRates(Disclosure.exact());
        double[] perturbed = successRates(cellKey);
        System.out.printf("differencing attack, exact recoveries out of %d trials: two cohorts %.3f / %.3f,"
                + " attrition rows %.3f / %.3f, pathway node minus link %.3f / %.3f (exact counts / cell-key perturbation)%n",
                TRIALS, exact[0], perturbed[0], exact[1], perturbed[1], exact[2], perturbed[2]);

        // Two offsets from the table are equal with probability sum(p^2) = 0.17: the attack is then right by
        // chance, without knowing when. A guess from 1 to 10 is right one time in ten.
        for (double rate : perturbed) {
            assertThat(rate).isLessThan(0.30);
        }
    }

    @Test
    void theSameCohortIsReleasedTheSameEveryTimeSoRepeatingItAveragesNothingAway() {
        Population p = population(new Random(7), 40, 5);
        CohortQuery all = allWithMi();

        CohortResult first = p.service().cohort(all, cellKey);
        for (int i = 0; i < 5; i++) {
            assertThat(p.service().cohort(all, cellKey)).isEqualTo(first);
        }
        assertThat(first.count().perturbed()).isTrue();
    }

    @Test
    void perturbationKeepsZeroSuppressesSmallCountsAndNeverReleasesUnderTheThreshold() {
        Disclosure.CellKey d = (Disclosure.CellKey) cellKey;
        long sum = 0;
        int cells = 0;
        for (int count = 1; count < 400; count++) {
            for (int key = 0; key < 256; key++) {
                SuppressedCount released = d.release(count, key, THRESHOLD);
                if (count < THRESHOLD) {
                    assertThat(released.suppressed()).isTrue();
                    continue;
                }
                long v = released.value().orElseThrow();
                assertThat(v).isGreaterThanOrEqualTo(THRESHOLD).isBetween(count - 3L, count + 3L);
                if (count >= THRESHOLD + 3) {
                    sum += v - count;
                    cells++;
                }
            }
        }
        assertThat(d.release(0, 17, THRESHOLD).value()).hasValue(0);
        assertThat((double) sum / cells).as("mean offset").isBetween(-0.1, 0.1);
    }

    @Test
    void theKeyIsNeitherShownNorKeptByReference() {
        byte[] key = newKey();
        Disclosure d = Disclosure.cellKey(key);
        assertThat(d.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key));
    }

    private double[] successRates(Disclosure disclosure) {
        Random random = new Random(20261206);
        int[] hits = new int[3];
        for (int t = 0; t < TRIALS; t++) {
            Trial trial = attack(random, disclosure);
            for (int route = 0; route < 3; route++) {
                if (trial.recovered()[route] == trial.hidden()) {
                    hits[route]++;
                }
            }
        }
        return new double[] {(double) hits[0] / TRIALS, (double) hits[1] / TRIALS, (double) hits[2] / TRIALS};
    }

    private Trial attack(Random random, Disclosure disclosure) {
        int hidden = 1 + random.nextInt(10);
        int others = 15 + random.nextInt(60);
        Population p = population(random, others, hidden);

        // Asked directly, the hidden group is suppressed.
        assertThat(p.service().cohort(diedAfterMi(), disclosure).count().suppressed()).isTrue();

        // 1. Two cohorts that differ by one criterion: all MI patients, and those who did not die after it.
        long all = value(p.service().cohort(allWithMi(), disclosure).count());
        long alive = value(p.service().cohort(aliveAfterMi(), disclosure).count());
        // 2. Two consecutive attrition rows of one cohort.
        List<AttritionStep> rows = p.service().cohort(aliveAfterMi(), disclosure).attrition();
        long rows01 = value(rows.get(0).patients()) - value(rows.get(1).patients());
        // 3. A pathway node minus its other incoming link.
        Pathways paths = p.service().cohort(pathwaysAfterMi(), disclosure).pathways().orElseThrow();
        long node = value(paths.nodes().stream().filter(n -> n.id().equals("2:aspirin")).findFirst().orElseThrow().patients());
        long link = value(paths.links().stream().filter(l -> l.source().equals("1:statin")
                && l.target().equals("2:aspirin")).findFirst().orElseThrow().patients());
        assertThat(paths.links().stream().filter(l -> l.source().equals("1:metformin")).findFirst().orElseThrow()
                .patients().suppressed()).isTrue();
        return new Trial(hidden, new long[] {all - alive, rows01, node - link});
    }

    private record Population(CohortService service) {
    }

    /**
     * {@code others} MI patients who live, take a statin then aspirin; {@code hidden} MI patients who
     * take metformin then aspirin, and die. Ids are random, as pseudonyms are.
     */
    private static Population population(Random random, int others, int hidden) {
        List<PatientJourney> patients = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            patients.add(patient(random, stay(0, 3, "I214"), drug(10, "C10AA05"), drug(40, "B01AC06")));
        }
        for (int i = 0; i < hidden; i++) {
            patients.add(patient(random, stay(0, 3, "I214"), drug(10, "A10BA02"), drug(40, "B01AC06"), death(200)));
        }
        return new Population(CohortService.inMemory(patients));
    }

    private static PatientJourney patient(Random random, CareEvent... events) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        return new PatientJourney(new PatientId(id), List.of(), Optional.of(LocalDate.of(1950 + random.nextInt(30), 1, 1)),
                1, "75", Optional.empty(), List.of(events));
    }

    private static IndexEvent miIndex() {
        return new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0);
    }

    private static CohortQuery allWithMi() {
        return new CohortQuery(miIndex(), List.of(), null, THRESHOLD);
    }

    private static CohortQuery aliveAfterMi() {
        return new CohortQuery(miIndex(), List.of(new InclusionRule("no death after the MI",
                Condition.after(DEATH, Condition.INDEX, Side.END, 0, null).counting(Count.NONE, 0))), null, THRESHOLD);
    }

    private static CohortQuery diedAfterMi() {
        return new CohortQuery(miIndex(), List.of(new InclusionRule("death after the MI",
                Condition.after(DEATH, Condition.INDEX, Side.END, 0, null))), null, THRESHOLD);
    }

    private static CohortQuery pathwaysAfterMi() {
        Map<String, EventCriterion> categories = new LinkedHashMap<>();
        categories.put("statin", STATIN);
        categories.put("metformin", METFORMIN);
        categories.put("aspirin", ASPIRIN);
        return new CohortQuery(miIndex(), List.of(), new PathwaySpec(categories, 3, 0, true, 365), THRESHOLD);
    }

    private static long value(SuppressedCount c) {
        // A suppressed count gives the attacker nothing: counted as zero, the attack then fails.
        return c.value().orElse(0L);
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}

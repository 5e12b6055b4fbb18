package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Partials of disjoint parts of a population merge into the single-machine service's answer: the
 * same raw attrition and cohort ids, and the same released result, exact or perturbed by cell key.
 */
class CohortPartialTest {

    private static final byte[] KEY = "a cell-key secret of at least thirty-two bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void mergedPartialsOfDisjointPartsReleaseWhatTheServiceReleasesOnRandomPopulationsAndQueries() {
        for (int population = 0; population < 3; population++) {
            Random r = new Random(7000 + population);
            List<PatientJourney> patients = RandomCohorts.population(r, 300, population);
            try (CohortService service = CohortService.inMemory(patients)) {
                for (int q = 0; q < 40; q++) {
                    CohortQuery base = RandomCohorts.query(r);
                    CohortQuery query = new CohortQuery(base.index(), base.rules(), q % 2 == 0 ? pathways() : null, 5);
                    String context = "population " + population + " query " + q + ":\n" + CohortQueries.toJson(query);
                    for (Disclosure disclosure : List.of(Disclosure.exact(), Disclosure.cellKey(KEY))) {
                        Optional<byte[]> key = disclosure instanceof Disclosure.CellKey ? Optional.of(KEY) : Optional.empty();
                        CohortPartial merged = CohortPartial.empty(query, key.isPresent(), true);
                        for (List<PatientJourney> part : parts(patients, 3 + q % 4, r)) {
                            merged = merged.merge(CohortPartial.evaluate(query, part, key, true));
                        }
                        assertThat(merged.rawAttrition()).as(context).containsExactly(service.rawAttrition(query));
                        assertThat(merged.patientIds().orElseThrow()).as(context)
                                .isEqualTo(service.patientIds(query, 0, 10_000));
                        assertThat(merged.release(query, disclosure)).as(context).isEqualTo(service.cohort(query, disclosure));
                    }
                }
            }
        }
    }

    @Test
    void partialsOfQueriesWithDifferentStepsAreNotMerged() {
        Random r = new Random(1);
        CohortQuery withRules = RandomCohorts.query(r);
        while (withRules.rules().isEmpty()) {
            withRules = RandomCohorts.query(r);
        }
        CohortQuery indexOnly = new CohortQuery(withRules.index(), List.of(), null, 1);
        CohortPartial one = CohortPartial.empty(withRules, false, false);
        CohortPartial other = CohortPartial.empty(indexOnly, false, false);
        assertThatThrownBy(() -> one.merge(other)).isInstanceOf(JourneyException.class);
    }

    private static PathwaySpec pathways() {
        return new PathwaySpec(Map.of(
                "stay", new EventCriterion(Set.of(EventType.HOSPITAL_STAY), List.of(), Set.of(), null, null),
                "drug", new EventCriterion(Set.of(EventType.DRUG_DISPENSING), List.of(), Set.of(), null, null)),
                3, 7, true, 365);
    }

    /** Whole patients spread at random over {@code n} parts (some may be empty). */
    private static List<List<PatientJourney>> parts(List<PatientJourney> patients, int n, Random r) {
        List<List<PatientJourney>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        patients.forEach(p -> out.get(r.nextInt(n)).add(p));
        return out;
    }
}

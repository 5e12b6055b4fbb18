package org.healthgraph.journeys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodePattern;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.RandomCohorts;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The candidate-driven evaluation reads only the timelines of the patients the index event's code
 * and type sets hold, walks them no further than the rules' sets allow, and gives the full scan's
 * outcome.
 */
class CandidateEvaluationTest {

    @Test
    void readingOnlyTheIndexEventsCandidatesGivesTheFullScansAttritionAndPatientsOnRandomPopulationsAndQueries() {
        for (int population = 0; population < 4; population++) {
            Random r = new Random(2000 + population);
            TimelineIndex.Builder b = new TimelineIndex.Builder();
            RandomCohorts.population(r, 400, population).forEach(b::add);
            TimelineIndex x = b.build();
            BitSet half = new BitSet();
            for (int p = 0; p < x.patientCount(); p += 2) {
                half.set(p);
            }
            for (int q = 0; q < 150; q++) {
                CohortQuery query = RandomCohorts.query(r);
                for (BitSet within : new BitSet[] {null, half}) {
                    Outcome full = new TimelineEngine(x, query, within, TimelineEngine.Evaluation.FULL_SCAN)
                            .run(Cancellation.none(), false);
                    Outcome candidates = new TimelineEngine(x, query, within, TimelineEngine.Evaluation.CANDIDATES)
                            .run(Cancellation.none(), q % 2 == 0);
                    String context = "population " + population + " query " + q + (within == null ? "" : " (half)") + ":\n"
                            + CohortQueries.toJson(query);
                    assertThat(candidates.rawAttrition()).as(context).containsExactly(full.rawAttrition());
                    assertThat(candidates.patientIds(0, 10_000)).as(context).isEqualTo(full.patientIds(0, 10_000));
                }
            }
        }
    }

    @Test
    void aCriterionsCandidatesAreThePatientsWithOneOfItsCodesAndOneOfItsTypesAndNobodyForAnUnknownCode() {
        TimelineIndex x = new TimelineIndex.Builder()
                .add(patient("A", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I210")))
                .add(patient("B", event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA05")))
                .add(patient("C", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "E119"),
                        event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA01")))
                .add(patient("D", event(EventType.CONSULTATION, CodeSystem.ICD10, "I214")))
                .build();

        assertThat(candidates(x, Set.of(), "ICD10", "I21")).containsExactly(0, 3);
        assertThat(candidates(x, Set.of(EventType.HOSPITAL_STAY), "ICD10", "I21")).containsExactly(0);
        assertThat(candidates(x, Set.of(), "ATC", "C10AA")).containsExactly(1, 2);
        assertThat(candidates(x, Set.of(), "ICD10", "Z99")).isEmpty();
        assertThat(new CompiledCriterion(new EventCriterion(Set.of(EventType.DRUG_DISPENSING), List.of(), Set.of(), null, null), x)
                .candidates(x)).hasValueSatisfying(s -> assertThat(s.toArray()).containsExactly(1, 2));
        assertThat(new CompiledCriterion(new EventCriterion(Set.of(), List.of(), Set.of(), null, null), x).candidates(x))
                .as("no code and no type: every patient, no set needed").isEmpty();
    }

    @Test
    void aPatientOutsideARequiredRulesSetIsCappedBelowThatRuleButKeepsItsLevelInTheAttrition() {
        EventCriterion mi = EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21");
        EventCriterion statin = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA");
        EventCriterion metformin = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02");
        TimelineIndex x = new TimelineIndex.Builder()
                .add(patient("A", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I210")))
                .add(patient("B", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I210"),
                        event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA05")))
                .add(patient("C", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I210"),
                        event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA05"),
                        event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02")))
                .add(patient("D", event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA05")))
                .build();
        CohortQuery query = CohortQuery.of(new IndexEvent(mi, IndexEvent.Occurrence.FIRST, 0, 0), List.of(
                new InclusionRule("statin", Condition.after(statin, Condition.INDEX, Condition.Side.START, 0, null)),
                new InclusionRule("no metformin", Condition.after(metformin, Condition.INDEX, Condition.Side.START, 0, null)
                        .counting(Condition.Count.NONE, 0)),
                new InclusionRule("metformin", Condition.after(metformin, Condition.INDEX, Condition.Side.START, 0, null))));

        TimelineEngine engine = new TimelineEngine(x, query, null, TimelineEngine.Evaluation.CANDIDATES);
        assertThat(engine.ruleCaps(null, x.patientCount())).as("A has no statin, B and D no metformin; a NONE rule bounds nobody")
                .containsExactly(0, 2, 3, 2);
        assertThat(engine.ruleCaps(new int[] {0, 2, 3}, x.patientCount())).as("the caps of the patients read only, in their order")
                .containsExactly(0, 3, 2);
        Outcome candidates = engine.run(Cancellation.none(), false);
        Outcome full = new TimelineEngine(x, query, null, TimelineEngine.Evaluation.FULL_SCAN).run(Cancellation.none(), false);
        assertThat(candidates.rawAttrition()).as("A (index event, no statin) counts at level 0; D (no index event) nowhere")
                .containsExactly(full.rawAttrition());
        assertThat(candidates.rawAttrition()[0]).isEqualTo(3);
    }

    @Test
    void aGroupBoundsItsPatientsOnlyWhenItCannotHoldWithoutAnEvent() {
        TimelineIndex x = new TimelineIndex.Builder()
                .add(patient("A", event(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I210")))
                .add(patient("B", event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA05")))
                .add(patient("C", event(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02")))
                .build();
        Condition statin = Condition.after(EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"),
                Condition.INDEX, Condition.Side.START, 0, null);
        Condition metformin = Condition.after(EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02"),
                Condition.INDEX, Condition.Side.START, 0, null);
        Condition noMetformin = metformin.counting(Condition.Count.NONE, 0);
        IndexEvent any = new IndexEvent(new EventCriterion(Set.of(), List.of(), Set.of(), null, null),
                IndexEvent.Occurrence.FIRST, 0, 0);

        assertThat(mayHold(x, any, Condition.group(Condition.Group.ANY, 1, List.of(statin, metformin)))).containsExactly(1, 2);
        assertThat(mayHold(x, any, Condition.group(Condition.Group.ALL, 1, List.of(statin, metformin)))).isEmpty();
        assertThat(mayHold(x, any, Condition.group(Condition.Group.ALL, 1, List.of(statin, noMetformin)))).containsExactly(1);
        assertThat(mayHold(x, any, Condition.group(Condition.Group.ANY, 1, List.of(statin, noMetformin)))).isNull();
        assertThat(mayHold(x, any, Condition.group(Condition.Group.AT_LEAST, 2, List.of(statin, metformin, noMetformin))))
                .containsExactly(1, 2);
        assertThat(mayHold(x, any, Condition.group(Condition.Group.AT_LEAST, 0, List.of(statin, metformin)))).isNull();
    }

    /** The patients the engine says may satisfy {@code c}; null: anyone may. */
    private static int[] mayHold(TimelineIndex x, IndexEvent index, Condition c) {
        TimelineEngine engine = new TimelineEngine(x, CohortQuery.of(index, List.of(new InclusionRule("r", c))));
        return engine.mayHold(c).map(RoaringBitmap::toArray).orElse(null);
    }

    private static int[] candidates(TimelineIndex x, Set<EventType> types, String system, String prefix) {
        EventCriterion c = new EventCriterion(types, List.of(new CodePattern(system, prefix)), Set.of(), null, null);
        return new CompiledCriterion(c, x).candidates(x).map(RoaringBitmap::toArray).orElseThrow();
    }

    private static PatientJourney patient(String id, CareEvent... events) {
        return new PatientJourney(new PatientId(id), List.of(), Optional.empty(), 1, "75", Optional.empty(), List.of(events));
    }

    private static CareEvent event(EventType type, CodeSystem system, String code) {
        LocalDate d = LocalDate.of(2023, 1, 1);
        return new CareEvent(type, d, d, "T", 1, List.of(new EventCode(system, code, CodeRole.PRINCIPAL)));
    }
}

package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.journeys.Condition.Count;
import org.healthgraph.journeys.Condition.Group;
import org.healthgraph.journeys.Condition.Side;
import org.junit.jupiter.api.Test;

/** Each rule of docs/trajectories.md, on small hand-made timelines evaluated by the timeline engine. */
class CohortSemanticsTest {

    static final LocalDate D0 = LocalDate.of(2023, 1, 10);
    static final EventCriterion MI = EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "I21")
            .withRoles(CodeRole.PRINCIPAL);
    static final EventCriterion STATIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA");
    static final EventCriterion METFORMIN = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "A10BA02");
    static final EventCriterion DEATH = new EventCriterion(Set.of(EventType.DEATH), null, null, null, null);

    static CareEvent stay(int startDay, int days, String principal, String... associated) {
        List<EventCode> codes = new ArrayList<>();
        codes.add(new EventCode(CodeSystem.ICD10, principal, CodeRole.PRINCIPAL));
        Arrays.stream(associated).forEach(a -> codes.add(new EventCode(CodeSystem.ICD10, a, CodeRole.ASSOCIATED)));
        return new CareEvent(EventType.HOSPITAL_STAY, D0.plusDays(startDay), D0.plusDays(startDay + days), "T_MCO23C", 0, codes);
    }

    static CareEvent drug(int day, String atc) {
        return new CareEvent(EventType.DRUG_DISPENSING, D0.plusDays(day), D0.plusDays(day), "ER_PHA_F", 1,
                List.of(new EventCode(CodeSystem.ATC, atc, CodeRole.DRUG)));
    }

    static CareEvent death(int day) {
        return new CareEvent(EventType.DEATH, D0.plusDays(day), D0.plusDays(day), "KI_CCI_R", 0, List.of());
    }

    static PatientJourney patient(String id, int birthYear, CareEvent... events) {
        return new PatientJourney(new PatientId(id), List.of(), Optional.of(LocalDate.of(birthYear, 1, 1)), 1, "75",
                Optional.empty(), List.of(events));
    }

    static CohortService load(PatientJourney... patients) {
        return CohortService.inMemory(List.of(patients));
    }

    static CohortQuery miThen(InclusionRule... rules) {
        return new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0), List.of(rules), null, 1);
    }

    static InclusionRule rule(String label, Condition c) {
        return new InclusionRule(label, c);
    }

    static List<String> ids(CohortService j, CohortQuery q) {
        return j.patientIds(q, 0, 100).stream().map(PatientId::value).toList();
    }

    @Test
    void anIcd10PrefixCoversItsSubcodesAndOnlyInTheRequestedRole() {
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I214")),
                patient("B", 1950, stay(0, 5, "I500", "I219")),
                patient("C", 1950, stay(0, 5, "I251")));
        assertThat(ids(j, miThen())).containsExactly("A");
    }

    @Test
    void anAtcClassCoversItsSubstancesButNotItsSiblings() {
        CohortQuery q = new CohortQuery(new IndexEvent(STATIN, IndexEvent.Occurrence.FIRST, 0, 0), List.of(), null, 1);
        CohortService j = load(patient("A", 1950, drug(0, "C10AA05")), patient("B", 1950, drug(0, "C10AX09")));
        assertThat(ids(j, q)).containsExactly("A");
    }

    @Test
    void aStatinWithin30DaysOfDischargeCountsOnDay30ButNotOnDay31NorDuringTheStay() {
        Condition statin30 = Condition.after(STATIN, Condition.INDEX, Side.END, 0, 30);
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I210"), drug(35, "C10AA05")),
                patient("B", 1950, stay(0, 5, "I210"), drug(36, "C10AA05")),
                patient("C", 1950, stay(0, 5, "I210"), drug(3, "C10AA05")));
        assertThat(ids(j, miThen(rule("statin", statin30)))).containsExactly("A");
    }

    @Test
    void noDeathWithinAYearRemovesThoseWhoDied() {
        Condition statin = Condition.after(STATIN, Condition.INDEX, Side.END, 0, 30);
        Condition alive = Condition.after(DEATH, Condition.INDEX, Side.END, 0, 365).counting(Count.NONE, 0);
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I210"), drug(10, "C10AA05"), death(200)),
                patient("B", 1950, stay(0, 5, "I210"), drug(10, "C10AA05"), death(400)),
                patient("C", 1950, stay(0, 5, "I210")));
        CohortQuery q = miThen(rule("statin", statin), rule("alive at one year", alive));
        assertThat(ids(j, q)).containsExactly("B");
        assertThat(j.rawAttrition(q)).containsExactly(3, 2, 1);
    }

    @Test
    void atLeastThreeMetforminDispensingsIn180DaysIsAnIndexDispensingAndTwoMoreWithin179Days() {
        CohortQuery q = new CohortQuery(new IndexEvent(METFORMIN, IndexEvent.Occurrence.ALL, 0, 0),
                List.of(rule("2 more within 179 days", Condition.after(METFORMIN, Condition.INDEX, Side.START, 0, 179)
                        .counting(Count.AT_LEAST, 2))), null, 1);
        CohortService j = load(
                patient("A", 1950, drug(0, "A10BA02"), drug(100, "A10BA02"), drug(200, "A10BA02"), drug(250, "A10BA02")),
                patient("B", 1950, drug(0, "A10BA02"), drug(100, "A10BA02"), drug(200, "A10BA02")));
        assertThat(ids(j, q)).containsExactly("A");
    }

    @Test
    void firstOccurrenceIsTheOnlyCandidateWhereAsAllTriesEach() {
        Condition statin = Condition.after(STATIN, Condition.INDEX, Side.END, 0, 30);
        CohortService j = load(patient("A", 1950, stay(0, 5, "I210"), stay(100, 5, "I211"), drug(110, "C10AA05")));
        assertThat(ids(j, miThen(rule("statin", statin)))).isEmpty();
        CohortQuery all = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.ALL, 0, 0),
                List.of(rule("statin", statin)), null, 1);
        assertThat(ids(j, all)).containsExactly("A");
        CohortQuery last = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.LAST, 0, 0),
                List.of(rule("statin", statin)), null, 1);
        assertThat(ids(j, last)).containsExactly("A");
    }

    @Test
    void washoutAndPriorObservationFilterTheChosenIndex() {
        CohortService j = load(
                patient("A", 1950, drug(-400, "N02BE01"), stay(0, 5, "I210")),
                patient("B", 1950, stay(0, 5, "I210")),
                patient("C", 1950, stay(-100, 5, "I210"), stay(0, 5, "I210")));
        CohortQuery observed = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.ALL, 0, 365), List.of(), null, 1);
        assertThat(ids(j, observed)).containsExactly("A");
        CohortQuery incident = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.LAST, 120, 0), List.of(), null, 1);
        assertThat(ids(j, incident)).containsExactly("A", "B");
    }

    @Test
    void aChainAnchorsEachStepOnTheEarliestEventOfThePreviousOne() {
        EventCriterion clopidogrel = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "B01AC04");
        Condition statin = Condition.after(STATIN, Condition.INDEX, Side.END, 0, 30).named("statin");
        Condition thenClopidogrel = Condition.after(clopidogrel, "statin", Side.START, 1, 10);
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I210"), drug(10, "C10AA05"), drug(15, "B01AC04")),
                patient("B", 1950, stay(0, 5, "I210"), drug(10, "C10AA05"), drug(30, "C10AA05"), drug(35, "B01AC04")));
        CohortQuery q = miThen(rule("statin", statin), rule("then clopidogrel", thenClopidogrel));
        assertThat(ids(j, q)).containsExactly("A");
        assertThat(j.matchedEvents(q, new PatientId("A")).orElseThrow())
                .extracting(MatchedEvent::role).containsExactly("index", "statin");
    }

    @Test
    void groupsCombineWithAllAnyAndAtLeast() {
        EventCriterion bisoprolol = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C07AB07");
        EventCriterion aspirin = EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "B01AC06");
        List<Condition> three = List.of(Condition.after(STATIN, "index", Side.END, 0, 30),
                Condition.after(bisoprolol, "index", Side.END, 0, 30), Condition.after(aspirin, "index", Side.END, 0, 30));
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I210"), drug(6, "C10AA05"), drug(6, "C07AB07"), drug(6, "B01AC06")),
                patient("B", 1950, stay(0, 5, "I210"), drug(6, "C10AA05"), drug(6, "C07AB07")),
                patient("C", 1950, stay(0, 5, "I210"), drug(6, "B01AC06")));
        assertThat(ids(j, miThen(rule("all", Condition.group(Group.ALL, 1, three))))).containsExactly("A");
        assertThat(ids(j, miThen(rule("two", Condition.group(Group.AT_LEAST, 2, three))))).containsExactly("A", "B");
        assertThat(ids(j, miThen(rule("any", Condition.group(Group.ANY, 1, three))))).containsExactly("A", "B", "C");
    }

    @Test
    void sameStayMatchesTheIndexStayItselfOrAnEventStartingDuringIt() {
        EventCriterion diabetes = new EventCriterion(Set.of(EventType.HOSPITAL_STAY),
                List.of(new CodePattern("ICD10", "E11")), Set.of(CodeRole.ASSOCIATED), null, null);
        Condition sameStay = new Condition(null, diabetes, null, null, null, null, null, null, null, null, true, null, null);
        CohortService j = load(patient("A", 1950, stay(0, 5, "I210", "E119")), patient("B", 1950, stay(0, 5, "I210"),
                stay(20, 2, "K802", "E119")));
        assertThat(ids(j, miThen(rule("diabetic during the stay", sameStay)))).containsExactly("A");
    }

    @Test
    void ageAtEventUsesWholeYearsFromTheFirstDayOfTheBirthMonth() {
        EventCriterion miOver65 = new EventCriterion(MI.types(), MI.codes(), MI.roles(), 65, null);
        CohortQuery q = new CohortQuery(new IndexEvent(miOver65, IndexEvent.Occurrence.FIRST, 0, 0), List.of(), null, 1);
        CohortService j = load(patient("A", 1959, stay(0, 5, "I210")), patient("B", 1958, stay(0, 5, "I210")));
        assertThat(ids(j, q)).containsExactly("B");
    }

    @Test
    void aQueryRestrictedToAProjectCountsOnlyThatProjectsPatients() {
        ProjectCode avc = new ProjectCode("etude-avc");
        CohortService j = load(
                patient("A", 1950, stay(0, 5, "I210")).inProjects(Set.of(avc)),
                patient("B", 1950, stay(0, 5, "I210")),
                patient("C", 1950, stay(0, 5, "I210")).inProjects(Set.of(avc, new ProjectCode("autre"))),
                patient("D", 1950, drug(0, "C10AA05")).inProjects(Set.of(avc)));
        CohortQuery everyone = miThen();

        CohortQuery inProject = everyone.inProject(Optional.of(avc));

        assertThat(ids(j, everyone)).containsExactly("A", "B", "C");
        assertThat(ids(j, inProject)).containsExactly("A", "C");
        assertThat(j.rawAttrition(inProject)).containsExactly(2);
        assertThat(ids(j, everyone.inProject(Optional.of(new ProjectCode("inconnu"))))).isEmpty();
        assertThat(j.matchedEvents(inProject, new PatientId("B"))).isEmpty();
        assertThat(j.matchedEvents(inProject, new PatientId("A"))).isPresent();
        assertThat(j.projectsOf(new PatientId("C"))).containsExactlyInAnyOrder(avc, new ProjectCode("autre"));
        assertThat(j.projects()).containsEntry(avc, 3L);
    }

    @Test
    void aProjectCodeInAQueryFollowsTheRulesOfProjectCodesAndTravelsThroughJson() {
        CohortQuery q = miThen().inProject(Optional.of(new ProjectCode("etude-avc")));

        assertThat(CohortQueries.parse(CohortQueries.toJson(q))).isEqualTo(q);
        assertThat(CohortQueries.parse(CohortQueries.toJson(miThen())).project()).isNull();
        assertThatThrownBy(() -> new CohortQuery(q.index(), q.rules(), null, 1, "bad code!"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("project");
    }

    @Test
    void countsBelowTheThresholdAreSuppressedAndMarked() {
        List<PatientJourney> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(patient("P" + i, 1950, stay(0, 5, "I210"), drug(i < 3 ? 10 : 90, "C10AA05")));
        }
        CohortService j = CohortService.inMemory(many);
        CohortQuery q = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0),
                List.of(rule("statin", Condition.after(STATIN, "index", Side.END, 0, 30))), null, null);
        CohortResult r = j.cohort(q);
        assertThat(r.attrition().get(0).patients().value()).hasValue(12);
        assertThat(r.count().suppressed()).isTrue();
        assertThat(r.count().value()).isEmpty();
        assertThatThrownBy(() -> new CohortQuery(q.index(), q.rules(), null, 0))
                .hasMessageContaining("suppressBelow must be at least 1");
    }

    @Test
    void pathwaysFollowTheIndexWithCombinedAndCollapsedSteps() {
        Map<String, EventCriterion> cats = Map.of("statin", STATIN,
                "betablocker", EventCriterion.of(EventType.DRUG_DISPENSING, CodeSystem.ATC, "C07"), "death", DEATH);
        List<PatientJourney> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(patient("S" + i, 1950, stay(0, 5, "I210"), drug(6, "C10AA05"), drug(7, "C07AB07"),
                    drug(40, "C10AA05"), drug(41, "C07AB07"), death(100)));
        }
        CohortService j = CohortService.inMemory(ps);
        CohortQuery q = new CohortQuery(new IndexEvent(MI, IndexEvent.Occurrence.FIRST, 0, 0), List.of(),
                new PathwaySpec(cats, 3, 3, true, 365), 1);
        Pathways p = j.cohort(q).pathways().orElseThrow();
        assertThat(p.nodes()).extracting(Pathways.Node::id).containsExactly("1:betablocker+statin", "2:death");
        assertThat(p.links()).singleElement().satisfies(l -> assertThat(l.patients().value()).hasValue(3));
    }

    @Test
    void badQueriesFailWithMessagesNamingTheProblem() {
        assertThatThrownBy(() -> new CodePattern("ICD9", "410")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("unknown code system 'ICD9'");
        assertThatThrownBy(() -> Condition.after(STATIN, "index", Side.END, -5, 30))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Condition.after(STATIN, "index", Side.END, 40, 30))
                .hasMessageContaining("minDays 40 is greater than maxDays 30");
        assertThatThrownBy(() -> miThen(rule("x", Condition.after(STATIN, "statin", Side.END, 0, 30))))
                .hasMessageContaining("anchored on 'statin'");
    }

    @Test
    void aCodeMatchingNothingGivesAnEmptyResult() {
        CohortService j = load(patient("A", 1950, stay(0, 5, "I210")));
        CohortQuery q = new CohortQuery(new IndexEvent(EventCriterion.of(EventType.HOSPITAL_STAY, CodeSystem.ICD10, "Z99ZZ"),
                IndexEvent.Occurrence.FIRST, 0, 0), List.of(), null, null);
        assertThat(j.cohort(q).count().value()).hasValue(0);
    }

    @Test
    void aQueryReadsFromJson() {
        CohortQuery q = CohortQueries.parse("""
                {"index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}],
                           "roles": ["PRINCIPAL"]}, "occurrence": "FIRST"},
                 "rules": [{"label": "statin", "condition": {"event": {"types": ["DRUG_DISPENSING"],
                            "codes": [{"system": "ATC", "prefix": "C10AA"}]}, "anchorSide": "END", "maxDays": 30}}]}
                """);
        assertThat(q.rules().getFirst().condition().maxDays()).isEqualTo(30);
        assertThatThrownBy(() -> CohortQueries.parse("""
                {"index": {"event": {"codes": [{"system": "ICD9", "prefix": "410"}]}}}"""))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("unknown code system 'ICD9'");
    }
}

package org.healthgraph.journeys;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.healthgraph.journeys.Condition.Count;
import org.healthgraph.journeys.Condition.Direction;
import org.healthgraph.journeys.Condition.Group;
import org.healthgraph.journeys.Condition.Side;

/**
 * Random populations and random cohort queries over a few codes, for the property tests that two
 * engines (or two evaluations) agree: the timeline engine against Cypher (EnginesAgreeIT), the
 * candidate-driven evaluation against the full scan (CandidateEvaluationTest).
 */
public final class RandomCohorts {

    private static final String[][] CODES = {
        {"ICD10", "I210"}, {"ICD10", "I214"}, {"ICD10", "I500"}, {"ICD10", "E119"},
        {"ATC", "C10AA05"}, {"ATC", "C10AA01"}, {"ATC", "A10BA02"}, {"ATC", "B01AC06"}};
    private static final String[][] PATTERNS = {
        {"ICD10", "I21"}, {"ICD10", "I2"}, {"ICD10", "E11"}, {"ICD10", "I500"}, {"ATC", "C10AA"}, {"ATC", "C10"},
        {"ATC", "A10BA02"}, {"ATC", "B01"}, {"ICD10", "Z99"}};
    private static final EventType[] TYPES = {EventType.HOSPITAL_STAY, EventType.DRUG_DISPENSING, EventType.DEATH,
        EventType.CONSULTATION};
    private RandomCohorts() {
    }

    /** {@code n} patients of random timelines (ids R{population}_i), some without a birth date. */
    public static List<PatientJourney> population(Random r, int n, int population) {
        List<PatientJourney> out = new ArrayList<>();
        LocalDate base = LocalDate.of(2022, 1, 1);
        for (int i = 0; i < n; i++) {
            List<CareEvent> events = new ArrayList<>();
            int count = r.nextInt(14);
            for (int e = 0; e < count; e++) {
                EventType type = TYPES[r.nextInt(TYPES.length)];
                LocalDate start = base.plusDays(r.nextInt(400));
                LocalDate end = type == EventType.HOSPITAL_STAY ? start.plusDays(r.nextInt(10)) : start;
                List<EventCode> codes = new ArrayList<>();
                int k = type == EventType.CONSULTATION ? 0 : 1 + r.nextInt(2);
                for (int c = 0; c < k; c++) {
                    String[] code = CODES[r.nextInt(CODES.length)];
                    CodeRole role = type == EventType.DRUG_DISPENSING ? CodeRole.DRUG
                            : type == EventType.DEATH ? CodeRole.CAUSE_OF_DEATH
                            : CodeRole.values()[r.nextInt(3)];
                    codes.add(new EventCode(CodeSystem.parse(code[0]), code[1], role));
                }
                events.add(new CareEvent(type, start, end, "T", r.nextInt(3), codes.stream().distinct().toList()));
            }
            Optional<LocalDate> birth = r.nextInt(10) == 0 ? Optional.empty()
                    : Optional.of(LocalDate.of(1930 + r.nextInt(80), 1 + r.nextInt(12), 1));
            out.add(new PatientJourney(new PatientId("R" + population + "_" + i), List.of(), birth, 1 + r.nextInt(2), "75",
                    Optional.empty(), events));
        }
        return out;
    }

    /** A random query: index event with occurrence and filters, up to three rules, groups, named events, counts. */
    public static CohortQuery query(Random r) {
        IndexEvent index = new IndexEvent(criterion(r), IndexEvent.Occurrence.values()[r.nextInt(3)],
                r.nextInt(3) == 0 ? r.nextInt(120) : 0, r.nextInt(4) == 0 ? r.nextInt(100) : 0);
        List<InclusionRule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(Condition.INDEX));
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            Condition c;
            if (r.nextInt(4) == 0) {
                List<Condition> inner = new ArrayList<>();
                int m = 2 + r.nextInt(2);
                for (int k = 0; k < m; k++) {
                    inner.add(occurrence(r, names, null));
                }
                Group g = Group.values()[r.nextInt(3)];
                c = Condition.group(g, g == Group.AT_LEAST ? 1 + r.nextInt(m) : 1, inner);
            } else {
                c = occurrence(r, names, r.nextBoolean() ? "e" + i : null);
                if (c.name() != null) {
                    names.add(c.name());
                }
            }
            rules.add(new InclusionRule("rule " + i, c));
        }
        return new CohortQuery(index, rules, null, 1);
    }

    private static Condition occurrence(Random r, List<String> names, String name) {
        Count count = Count.values()[r.nextInt(4)];
        if (name != null && (count == Count.NONE || count == Count.AT_MOST)) {
            count = Count.AT_LEAST;
        }
        int times = count == Count.NONE ? 0 : (name != null ? 1 : 0) + r.nextInt(3);
        int min = r.nextInt(3) == 0 ? 0 : r.nextInt(60);
        Integer max = r.nextInt(4) == 0 ? null : min + r.nextInt(200);
        return new Condition(name, criterion(r), names.get(r.nextInt(names.size())), Side.values()[r.nextInt(2)],
                Side.values()[r.nextInt(2)], Direction.values()[r.nextInt(2)], min, max, count, times,
                r.nextInt(8) == 0, null, null);
    }

    private static EventCriterion criterion(Random r) {
        Set<EventType> types = r.nextInt(4) == 0 ? Set.of() : Set.of(TYPES[r.nextInt(TYPES.length)]);
        List<CodePattern> codes = new ArrayList<>();
        int k = r.nextInt(3);
        for (int i = 0; i < k; i++) {
            String[] p = PATTERNS[r.nextInt(PATTERNS.length)];
            codes.add(new CodePattern(p[0], p[1]));
        }
        Set<CodeRole> roles = r.nextInt(3) == 0
                ? Set.copyOf(Arrays.asList(CodeRole.values()).subList(0, 1 + r.nextInt(4))) : Set.of();
        Integer minAge = r.nextInt(5) == 0 ? r.nextInt(60) : null;
        Integer maxAge = r.nextInt(5) == 0 ? (minAge == null ? 0 : minAge) + r.nextInt(40) : null;
        return new EventCriterion(types, codes, roles, minAge, maxAge);
    }
}

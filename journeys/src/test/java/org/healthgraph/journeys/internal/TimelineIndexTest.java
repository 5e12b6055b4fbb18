package org.healthgraph.journeys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.junit.jupiter.api.Test;

/** Replacing patients in an index gives the index built from scratch with the same patients. */
class TimelineIndexTest {

    private static PatientJourney random(Random r, String id) {
        List<CareEvent> events = new ArrayList<>();
        for (int e = r.nextInt(5); e > 0; e--) {
            LocalDate d = LocalDate.of(2023, 1, 1).plusDays(r.nextInt(300));
            List<EventCode> codes = new ArrayList<>();
            for (int c = r.nextInt(3); c > 0; c--) {
                codes.add(new EventCode(CodeSystem.ATC, "C" + r.nextInt(40), CodeRole.DRUG));
            }
            events.add(new CareEvent(EventType.DRUG_DISPENSING, d, null, "S" + r.nextInt(3), r.nextInt(4), codes));
        }
        return new PatientJourney(new PatientId(id), List.of(), r.nextBoolean() ? Optional.empty()
                : Optional.of(LocalDate.of(1950, 1, 1)), 1, "75", Optional.empty(), events);
    }

    @Test
    void replacingPatientsGivesTheSameIndexAsBuildingItFromScratch() {
        Random r = new Random(42);
        for (int round = 0; round < 50; round++) {
            Map<String, PatientJourney> all = new LinkedHashMap<>();
            for (int i = r.nextInt(30); i > 0; i--) {
                String id = "P" + r.nextInt(60);
                all.put(id, random(r, id));
            }
            TimelineIndex index = TimelineIndex.empty().replacing(all.values());
            List<PatientJourney> changes = new ArrayList<>();
            for (int i = r.nextInt(15); i > 0; i--) {
                String id = "P" + r.nextInt(60);
                PatientJourney p = random(r, id);
                changes.add(p);
                all.put(id, p);
            }

            TimelineIndex replaced = index.replacing(changes);

            TimelineIndex.Builder b = new TimelineIndex.Builder();
            all.values().forEach(b::add);
            TimelineIndex scratch = b.build();
            assertThat(replaced.ids).isEqualTo(scratch.ids);
            assertThat(replaced.eventCount()).isEqualTo(scratch.eventCount());
            assertThat(replaced.codeCount()).isEqualTo(scratch.codeCount());
            for (String id : scratch.ids) {
                assertThat(replaced.events(new PatientId(id))).as("patient %s, round %d", id, round)
                        .isEqualTo(scratch.events(new PatientId(id)));
            }
            assertThat(replaced.birth).isEqualTo(scratch.birth);
        }
    }
}

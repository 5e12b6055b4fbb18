package org.healthgraph.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JourneyStore} must do, whatever the backend. Subclasses give a store (schema
 * ensured) and the graph store beneath it; the graph may be shared with other tests, so each test
 * writes patients under ids of its own ({@link #unique}) and compares counts before and after.
 * Stamps are the graph's: tests of this suite must not run concurrently with other writers of
 * journeys on the same graph.
 */
public abstract class JourneyStoreContract {

    private static final LocalDate DAY0 = LocalDate.of(2023, 1, 1);

    /** One journey store per graph, its schema ensured once: JUnit makes a new instance for every test. */
    private static final Map<GraphStore, JourneyStore> STORES = new ConcurrentHashMap<>();

    /** The graph store the journey store writes to (the one thing a backend's suite names). */
    protected abstract GraphStore graph();

    /** The store under test, its schema ensured. */
    protected JourneyStore store() {
        return STORES.computeIfAbsent(graph(), g -> {
            JourneyStore store = JourneyStores.on(g);
            store.ensureSchema();
            return store;
        });
    }

    /** A value no other test uses, starting with {@code prefix}. */
    protected String unique(String prefix) {
        return SharedNeo4j.uniqueKey(prefix);
    }

    protected static CareEvent stay(int day, int days, String principal, String associated) {
        return new CareEvent(EventType.HOSPITAL_STAY, DAY0.plusDays(day), DAY0.plusDays(day + days), "T_MCO23C", 0,
                List.of(new EventCode(CodeSystem.ICD10, principal, CodeRole.PRINCIPAL),
                        new EventCode(CodeSystem.ICD10, associated, CodeRole.ASSOCIATED)));
    }

    protected static CareEvent drug(int day, String atc, int quantity) {
        return new CareEvent(EventType.DRUG_DISPENSING, DAY0.plusDays(day), null, "ER_PHA_F", quantity,
                List.of(new EventCode(CodeSystem.ATC, atc, CodeRole.DRUG)));
    }

    protected static PatientJourney patient(String id, CareEvent... events) {
        return new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"), Optional.of(LocalDate.of(1950, 3, 1)),
                1, "2A", Optional.empty(), List.of(events));
    }

    private List<PatientJourney> readBack(String prefix) {
        List<PatientJourney> mine = new ArrayList<>();
        for (PatientJourney p : store().patients(Optional.of(new PatientId(prefix)), 1_000)) {
            if (p.id().value().startsWith(prefix)) {
                mine.add(p);
            }
        }
        return mine;
    }

    /** The patient of this id, read from the page that starts just before it (ids sort after their prefixes). */
    private Optional<PatientJourney> readBackOne(String id) {
        return readBack(id.substring(0, id.length() - 1)).stream().filter(p -> p.id().value().equals(id)).findFirst();
    }

    @Test
    void aPatientIsReadBackWithItsDemographicsAndItsEventsInTimelineOrder() {
        String id = unique("P");
        PatientJourney written = new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"),
                Optional.of(LocalDate.of(1948, 7, 1)), 2, "971", Optional.of(DAY0.plusDays(300)),
                List.of(drug(40, "C10AA05", 3), stay(0, 5, "I214", "E119"), drug(10, "B01AC06", 1),
                        new CareEvent(EventType.DEATH, DAY0.plusDays(300), null, "KI_CCI_R", 0,
                                List.of(new EventCode(CodeSystem.ICD10, "I219", CodeRole.CAUSE_OF_DEATH)))));

        store().write(List.of(written));

        PatientJourney read = readBackOne(id).orElseThrow();
        assertThat(read.birthDate()).contains(LocalDate.of(1948, 7, 1));
        assertThat(read.sex()).isEqualTo(2);
        assertThat(read.department()).isEqualTo("971");
        assertThat(read.deathDate()).contains(DAY0.plusDays(300));
        assertThat(read.events()).isEqualTo(written.events());
        assertThat(read.events().getFirst().codes()).containsExactlyInAnyOrder(
                new EventCode(CodeSystem.ICD10, "I214", CodeRole.PRINCIPAL), new EventCode(CodeSystem.ICD10, "E119", CodeRole.ASSOCIATED));
    }

    @Test
    void aPatientIsInTheProjectsItWasImportedIntoAndAWriteAddsProjectsWithoutRemovingAny() {
        ProjectCode first = new ProjectCode(unique("proj"));
        ProjectCode second = new ProjectCode(unique("proj"));
        String x = unique("P");
        String y = unique("P");
        // a before b in id order, as pages list them
        String a = x.compareTo(y) < 0 ? x : y;
        String b = a.equals(x) ? y : x;
        store().write(List.of(patient(a, drug(0, "A10BA02", 1)).inProjects(Set.of(first)),
                patient(b, drug(0, "A10BA02", 1)).inProjects(Set.of(first))));

        store().write(List.of(patient(a, drug(5, "C10AA05", 1)).inProjects(Set.of(second))));

        assertThat(store().projectsOf(new PatientId(a))).containsExactlyInAnyOrder(first, second);
        assertThat(store().projectsOf(new PatientId(b))).containsExactly(first);
        assertThat(store().projectMembers(first, Optional.empty(), 10)).extracting(PatientId::value).containsExactly(a, b);
        assertThat(store().projectMembers(first, Optional.of(new PatientId(a)), 10)).extracting(PatientId::value).containsExactly(b);
        assertThat(store().projectMembers(first, Optional.empty(), 1)).extracting(PatientId::value).containsExactly(a);
        assertThat(store().projectMembers(second, Optional.empty(), 10)).extracting(PatientId::value).containsExactly(a);
        assertThat(store().projects()).containsEntry(first, 2L).containsEntry(second, 1L);
    }

    @Test
    void aPatientWrittenWithoutProjectsIsInNoneAndAnUnknownProjectHasNoMembers() {
        String id = unique("P");
        store().write(List.of(patient(id, drug(0, "A10BA02", 1))));

        assertThat(store().projectsOf(new PatientId(id))).isEmpty();
        assertThat(store().projectMembers(new ProjectCode(unique("none")), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void unknownDemographicsAreReadBackUnknown() {
        String id = unique("P");
        store().write(List.of(new PatientJourney(new PatientId(id), List.of(), Optional.empty(), 0, "", Optional.empty(),
                List.of(drug(0, "A10BA02", 1)))));

        PatientJourney read = readBackOne(id).orElseThrow();
        assertThat(read.birthDate()).isEmpty();
        assertThat(read.deathDate()).isEmpty();
        assertThat(read.sex()).isZero();
        assertThat(read.department()).isEmpty();
    }

    @Test
    void writingAPatientAgainReplacesItsEventsAndDemographicsInsteadOfAddingToThem() {
        String id = unique("P");
        long events = store().eventCount();
        store().write(List.of(patient(id, drug(0, "A10BA02", 1), drug(30, "A10BA02", 1), drug(60, "A10BA02", 1))));
        PatientJourney again = new PatientJourney(new PatientId(id), List.of("BEN_NIR_PSA:" + id + "+1"),
                Optional.of(LocalDate.of(1950, 3, 1)), 1, "75", Optional.empty(), List.of(drug(90, "C10AA05", 2)));

        store().write(List.of(again));

        assertThat(readBackOne(id).orElseThrow().events()).isEqualTo(again.events());
        assertThat(readBackOne(id).orElseThrow().department()).isEqualTo("75");
        assertThat(store().eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aBatchThatFailsWritesNoneOfItsPatientsAndLeavesTheStampWhereItWas() {
        String ok = unique("P");
        String twice = unique("P");
        store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1))));
        JourneysStamp before = store().stamp().orElseThrow();
        long patients = store().patientCount();
        PatientJourney repeated = patient(twice, drug(0, "C10AA05", 1), drug(30, "C10AA05", 1));

        // The same patient twice in one batch would create its events twice: the batch fails.
        assertThatThrownBy(() -> store().write(List.of(patient(ok, drug(0, "C10AA05", 1)), repeated, repeated)))
                .isInstanceOf(RuntimeException.class);

        assertThat(readBackOne(ok)).isEmpty();
        assertThat(readBackOne(twice)).isEmpty();
        assertThat(store().patientCount()).isEqualTo(patients);
        assertThat(store().stamp()).contains(before);
        store().write(List.of(patient(ok, drug(0, "C10AA05", 1)), repeated));
        assertThat(readBackOne(twice).orElseThrow().events()).hasSize(2);
    }

    @Test
    void everyWriteMovesTheStampToTheNextVersionWithANewToken() {
        JourneysStamp first = store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1))));
        JourneysStamp second = store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1))));

        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(store().stamp()).contains(second);
    }

    @Test
    void ensuringTheStampKeepsItAndMovingItAloneGivesANewOne() {
        store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1))));
        JourneysStamp current = store().stamp().orElseThrow();

        assertThat(store().ensureStamp()).isEqualTo(current);
        JourneysStamp moved = store().moveStamp();

        assertThat(moved.version()).isEqualTo(current.version() + 1);
        assertThat(moved.token()).isNotEqualTo(current.token());
        assertThat(store().stamp()).contains(moved);
    }

    @Test
    void pagesListEveryPatientOnceInIdOrder() {
        String prefix = unique("PAGE");
        List<PatientJourney> batch = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            batch.add(patient(prefix + "_" + i, drug(i, "A10BA02", 1)));
        }
        store().write(batch);

        List<String> seen = new ArrayList<>();
        store().forEachPatient(3, p -> {
            if (p.id().value().startsWith(prefix)) {
                seen.add(p.id().value());
            }
        });
        List<PatientJourney> firstThree = store().patients(Optional.of(new PatientId(prefix)), 3);
        List<PatientJourney> nextThree = store().patients(Optional.of(firstThree.getLast().id()), 3);

        assertThat(seen).containsExactly(prefix + "_0", prefix + "_1", prefix + "_2", prefix + "_3", prefix + "_4",
                prefix + "_5", prefix + "_6", prefix + "_7", prefix + "_8", prefix + "_9");
        assertThat(firstThree).extracting(p -> p.id().value()).containsExactly(prefix + "_0", prefix + "_1", prefix + "_2");
        assertThat(nextThree).extracting(p -> p.id().value()).containsExactly(prefix + "_3", prefix + "_4", prefix + "_5");
        assertThat(nextThree.getFirst().events()).hasSize(1);
    }

    @Test
    void countsGrowByThePatientsAndEventsWritten() {
        long patients = store().patientCount();
        long events = store().eventCount();

        store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1), drug(30, "C10AA05", 1)),
                patient(unique("P"), stay(0, 3, "I214", "E119"))));

        assertThat(store().patientCount()).isEqualTo(patients + 2);
        assertThat(store().eventCount()).isEqualTo(events + 3);
    }

    @Test
    void aCodeIsOneNodeSharedByEveryEventThatCarriesItAndCreatedWhenTheCatalogLacksIt() {
        String atc = "Z" + unique("").substring(1, 7);
        long codes = graph().count(GraphNames.CODE);

        store().write(List.of(patient(unique("P"), drug(0, atc, 1), drug(10, atc, 1)), patient(unique("P"), drug(5, atc, 1))));

        assertThat(graph().count(GraphNames.CODE)).isEqualTo(codes + 1);
        assertThat(graph().find(NodeRef.of(GraphNames.CODE, "ATC:" + atc))).hasValueSatisfying(code -> {
            assertThat(code.string("code")).contains(atc);
            assertThat(code.string("nomenclature")).contains("ATC");
        });
    }

    @Test
    void batchesOfDisjointPatientsWrittenConcurrentlyAllLandAndEachMovesTheStampOnce() throws Exception {
        String prefix = unique("CONC");
        store().write(List.of(patient(unique("P"), drug(0, "C10AA05", 1))));
        long start = store().stamp().orElseThrow().version();
        Set<Long> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                List<PatientJourney> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(patient(prefix + "_" + b + "_" + i, drug(i, "C10AA05", 1), drug(i + 30, "B01AC06", 1)));
                }
                done.add(pool.submit(() -> versions.add(store().write(batch).version())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(readBack(prefix)).hasSize(160);
        assertThat(versions).containsExactlyInAnyOrder(start + 1, start + 2, start + 3, start + 4, start + 5, start + 6,
                start + 7, start + 8);
        assertThat(store().stamp().orElseThrow().version()).isEqualTo(start + 8);
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> store().write(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

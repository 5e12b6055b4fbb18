package org.healthgraph.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphUnavailableException;
import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.journeys.internal.TimelineIndexFile;
import org.healthgraph.journeys.store.CohortCrossCheck;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneyStores;
import org.healthgraph.journeys.store.JourneysStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query side over the shared embedded Neo4j: the saved timeline index is loaded when it matches
 * the graph and rebuilt (saying why) when it is missing, truncated, altered, of another format
 * version or of another state of the graph; changes keep it current and are saved with their stamp;
 * requests during a build fail at once as unavailable.
 */
class CohortServiceIT {

    private static final CohortQuery STATINS = new CohortQuery(new IndexEvent(EventCriterion.of(EventType.DRUG_DISPENSING,
            CodeSystem.ATC, "C10AA05"), IndexEvent.Occurrence.FIRST, 0, 0), List.of(), null, 1);

    private final JourneyStore store = open();

    @TempDir
    Path dir;

    private static JourneyStore open() {
        JourneyStore s = JourneyStores.on(SharedNeo4j.store());
        s.ensureSchema();
        return s;
    }

    private CohortService service(JourneyStore over) {
        return CohortService.over(over, Optional.of(dir), new IndexReadiness());
    }

    private CohortService opened() {
        return service(store).awaitReady();
    }

    private Path file() {
        return dir.resolve("timeline.idx");
    }

    private String importOne(JourneyImporter importer) {
        String id = SharedNeo4j.uniqueKey("P");
        importer.importPatients(List.of(JourneyImportIT.patient(id, "C10AA05", 2)));
        return id;
    }

    /** A saved index current at the graph's stamp, holding at least one patient. */
    private String savedIndex() {
        String id = importOne(new JourneyImporter(store));
        try (CohortService first = opened()) {
            assertThat(first.lastOpen().orElseThrow().loaded()).isFalse();
        }
        return id;
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }

    @Test
    void withoutASavedIndexTheIndexIsRebuiltFromTheGraphAndSavedAtTheGraphsStamp() throws Exception {
        importOne(new JourneyImporter(store));

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(cohorts.lastOpen().orElseThrow().reason()).startsWith("no saved index in");
            assertThat(cohorts.status().orElseThrow().state()).isEqualTo(IndexReadiness.State.READY);
        }
        assertThat(TimelineIndexFile.readHeader(file()).stamp()).isEqualTo(store.stamp().orElseThrow());
    }

    @Test
    void aSavedIndexMatchingTheGraphIsLoadedAndAnswersAsTheIndexRebuiltFromTheGraph() {
        String id = savedIndex();

        try (CohortService loaded = opened(); CohortService rebuilt = CohortService.over(store, Optional.empty(),
                new IndexReadiness()).awaitReady()) {
            assertThat(loaded.lastOpen().orElseThrow().loaded()).isTrue();
            assertThat(loaded.lastOpen().orElseThrow().fileBytes()).isEqualTo(file().toFile().length());
            assertThat(loaded.patientCount()).isEqualTo(rebuilt.patientCount());
            assertThat(loaded.eventCount()).isEqualTo(rebuilt.eventCount());
            assertThat(loaded.rawAttrition(STATINS)).containsExactly(rebuilt.rawAttrition(STATINS));
            assertThat(loaded.events(new PatientId(id))).isEqualTo(rebuilt.events(new PatientId(id))).isPresent();
        }
    }

    @Test
    void aTruncatedSavedIndexIsRebuiltSayingSoAndSavedAgain() throws Exception {
        savedIndex();
        long size = Files.size(file());
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(size / 2);
        }

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(cohorts.lastOpen().orElseThrow().reason()).contains("cannot be used: it is truncated");
        }
        try (CohortService again = opened()) {
            assertThat(again.lastOpen().orElseThrow().loaded()).isTrue();
        }
    }

    @Test
    void aSavedIndexWithAByteFlippedIsRebuilt() throws Exception {
        savedIndex();
        flip(file(), Files.size(file()) / 2);

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(cohorts.lastOpen().orElseThrow().reason()).contains("does not match its checksum");
        }
    }

    @Test
    void aSavedIndexOfAnotherFormatVersionIsRebuilt() throws Exception {
        savedIndex();
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(8);
            f.write(new byte[] {9, 0, 0, 0});
        }

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().reason()).contains("format version 9");
        }
    }

    @Test
    void aStampMovedBehindTheServicesBackMakesTheSavedIndexRebuilt() {
        savedIndex();
        String unseen = importOne(new JourneyImporter(store));

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(cohorts.lastOpen().orElseThrow().reason()).contains("of another state of the graph");
            assertThat(cohorts.events(new PatientId(unseen))).isPresent();
        }
        store.moveStamp();
        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().reason()).contains("of another state of the graph");
        }
    }

    @Test
    void aSavedIndexOfAnotherGraphIsRebuilt() {
        savedIndex();
        JourneysStamp graph = store.stamp().orElseThrow();
        CohortService.saveLoaded(dir, List.of(JourneyImportIT.patient("OTHER", "C10AA05", 1)),
                new JourneysStamp(graph.version(), UUID.randomUUID()));

        try (CohortService cohorts = opened()) {
            assertThat(cohorts.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(cohorts.events(new PatientId("OTHER"))).isEmpty();
        }
    }

    @Test
    void changesKeepTheIndexCurrentAndAreSavedWithTheirStampSoThatTheNextStartLoadsThem() {
        savedIndex();
        JourneyImporter importer = new JourneyImporter(store);
        String added;
        try (CohortService cohorts = opened()) {
            importer.addListener(cohorts.keepingCurrent());
            added = importOne(importer);
            assertThat(cohorts.events(new PatientId(added))).isPresent();
            assertThat(cohorts.stamp()).isEqualTo(store.stamp());
        }
        try (CohortService next = opened()) {
            assertThat(next.lastOpen().orElseThrow().loaded()).isTrue();
            assertThat(next.events(new PatientId(added))).isPresent();
        }
    }

    @Test
    void aWriteTheServiceWasNotToldOfKeepsItsSavedStampBehindTheGraphSoThatTheNextStartRebuilds() {
        savedIndex();
        JourneyImporter told = new JourneyImporter(store);
        String unseen;
        String seen;
        try (CohortService cohorts = opened()) {
            JourneysStamp before = cohorts.stamp().orElseThrow();
            told.addListener(cohorts.keepingCurrent());
            unseen = importOne(new JourneyImporter(store));
            seen = importOne(told);
            assertThat(cohorts.events(new PatientId(seen))).isPresent();
            assertThat(cohorts.events(new PatientId(unseen))).isEmpty();
            assertThat(cohorts.stamp()).contains(before);
        }
        try (CohortService next = opened()) {
            assertThat(next.lastOpen().orElseThrow().loaded()).isFalse();
            assertThat(next.events(new PatientId(unseen))).isPresent();
            assertThat(next.events(new PatientId(seen))).isPresent();
        }
    }

    @Test
    void writesOfThisProcessRacingTheFreshnessCheckNeitherReopenTheIndexNorLoseAPatient() throws Exception {
        JourneyImporter importer = new JourneyImporter(store).withWriters(2);
        List<PatientJourney> patients = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            patients.add(JourneyImportIT.patient(SharedNeo4j.uniqueKey("R"), "C10AA05", 1 + i % 3));
        }
        try (CohortService cohorts = opened()) {
            importer.addListener(cohorts.keepingCurrent());
            CohortService.OpenReport opened = cohorts.lastOpen().orElseThrow();
            AtomicBoolean writing = new AtomicBoolean(true);
            // The server's freshness check, as often as it can run, while this process writes.
            Thread check = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    cohorts.refreshIfStale();
                }
            });
            try {
                importer.importPatients(patients, 40, n -> { });
            } finally {
                writing.set(false);
                check.join();
            }
            cohorts.awaitReady();

            assertThat(cohorts.lastOpen()).as("the index was never reopened: every write was this process's own")
                    .containsSame(opened);
            assertThat(cohorts.refreshIfStale()).isTrue();
            assertThat(cohorts.stamp()).isEqualTo(store.stamp());
            assertThat(patients).allSatisfy(p -> assertThat(cohorts.events(p.id())).as("a patient written").isPresent());

            String elsewhere = importOne(new JourneyImporter(store));
            assertThat(cohorts.refreshIfStale()).as("another process's write, once this one's are told, is seen").isFalse();
            cohorts.awaitReady();
            assertThat(cohorts.events(new PatientId(elsewhere))).isPresent();
        }
    }

    @Test
    void openingTheSavedIndexOnlyLoadsItWhenItMatchesAndNeverRebuilds() throws Exception {
        savedIndex();
        JourneyImporter importer = new JourneyImporter(store);
        try (CohortService cli = service(store)) {
            importer.addListener(cli.keepingCurrent());
            assertThat(cli.openSavedOnly()).isTrue();
            importOne(importer);
            assertThat(cli.save()).isPresent();
        }
        assertThat(TimelineIndexFile.readHeader(file()).stamp()).isEqualTo(store.stamp().orElseThrow());
        store.moveStamp();
        try (CohortService cli = service(store)) {
            assertThat(cli.openSavedOnly()).isFalse();
            assertThat(cli.lastOpen().orElseThrow().reason()).contains("of another state of the graph");
            assertThatThrownBy(() -> cli.patientCount()).isInstanceOf(JourneyException.class);
        }
    }

    @Test
    void requestsWhileTheIndexIsBuiltFailAtOnceAsUnavailableAndAreAnsweredOnceItIsReady() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        IndexReadiness readiness = new IndexReadiness();
        try (CohortService cohorts = CohortService.over(new Gated(store, gate), Optional.empty(), readiness)) {
            cohorts.start();

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> cohorts.cohort(STATINS)).isInstanceOfSatisfying(JourneyException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("the timeline index is being").contains("retry");
            });
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(readiness.status(CohortService.INDEX_NAME).orElseThrow().state()).isEqualTo(IndexReadiness.State.BUILDING);

            gate.countDown();
            cohorts.awaitReady();

            assertThat(cohorts.cohort(STATINS).count()).isNotNull();
            IndexReadiness.Status ready = readiness.status(CohortService.INDEX_NAME).orElseThrow();
            assertThat(ready.state()).isEqualTo(IndexReadiness.State.READY);
            assertThat(ready.counts()).containsEntry("patients", (long) cohorts.patientCount());
        }
    }

    @Test
    void aBuildThatFailsIsReportedAndRequestsAreToldItIsUnavailableAndWhy() {
        JourneyStore down = new Gated(store, new CountDownLatch(0)) {
            @Override
            public List<PatientJourney> patients(Optional<PatientId> after, int limit) {
                throw new GraphUnavailableException("the graph database cannot be reached: check healthgraph.neo4j.uri",
                        new IllegalStateException("connection reset"));
            }
        };
        IndexReadiness readiness = new IndexReadiness();
        try (CohortService cohorts = CohortService.over(down, Optional.of(dir), readiness)) {
            assertThatThrownBy(cohorts::awaitReady).isInstanceOfSatisfying(JourneyException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

            assertThat(readiness.status(CohortService.INDEX_NAME).orElseThrow().state()).isEqualTo(IndexReadiness.State.FAILED);
            assertThatThrownBy(() -> cohorts.cohort(STATINS)).isInstanceOfSatisfying(JourneyException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("could not be built").contains("healthgraph.neo4j.uri")
                        .contains("tried again").doesNotContain("connection reset");
            });
        }
        assertThat(file()).doesNotExist();
    }

    @Test
    void aCrossCheckIsRefusedWhereTheBackendHasNoneNamingTheSetting() {
        JourneyStore withoutCypher = new Gated(store, new CountDownLatch(0)) {
            @Override
            public Optional<CohortCrossCheck> crossCheck() {
                return Optional.empty();
            }

            @Override
            public String backend() {
                return "gremlin";
            }
        };
        try (CohortService cohorts = CohortService.over(withoutCypher, Optional.empty(), new IndexReadiness()).awaitReady()) {
            assertThatThrownBy(() -> cohorts.crossCheck(STATINS)).isInstanceOfSatisfying(JourneyException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                assertThat(e.getMessage()).contains("healthgraph.graph.backend=neo4j").contains("gremlin");
            });
        }
    }

    /** The real store, whose reads of patients wait for a gate: a build that takes as long as the test wants. */
    private static class Gated implements JourneyStore {
        private final JourneyStore store;
        private final CountDownLatch gate;

        Gated(JourneyStore store, CountDownLatch gate) {
            this.store = store;
            this.gate = gate;
        }

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
                gate.await();
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

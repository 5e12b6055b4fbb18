package org.healthgraph.journeys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.healthgraph.journeys.Cancellation;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.RandomCohorts;
import org.healthgraph.journeys.store.JourneysStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved timeline index: what is written is read back as it was, and every kind of damage is detected. */
class TimelineIndexFileTest {

    private static final JourneysStamp STAMP = new JourneysStamp(7, UUID.fromString("0b8a1c4e-6a55-4cf1-9d1e-3c5c2d51a0aa"));

    @TempDir
    Path dir;

    static List<PatientJourney> population(int n) {
        List<PatientJourney> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate d = LocalDate.of(2023, 1, 1).plusDays(i % 50);
            out.add(new PatientJourney(new PatientId(String.format("P%05d", i)), List.of(),
                    i % 3 == 0 ? Optional.empty() : Optional.of(LocalDate.of(1940 + i % 50, 1 + i % 12, 1)), 1 + i % 2, "75",
                    Optional.empty(), List.of(
                            new CareEvent(EventType.HOSPITAL_STAY, d, d.plusDays(4), "T_MCO23C", 0, List.of(
                                    new EventCode(CodeSystem.ICD10, "I21" + (i % 10), CodeRole.PRINCIPAL),
                                    new EventCode(CodeSystem.ICD10, "E11" + (i % 7), CodeRole.ASSOCIATED))),
                            new CareEvent(EventType.DRUG_DISPENSING, d.plusDays(10), null, "ER_PHA_F", 1 + i % 4, List.of(
                                    new EventCode(CodeSystem.ATC, "C10AA0" + (i % 8), CodeRole.DRUG))),
                            new CareEvent(EventType.CONSULTATION, d.plusDays(20), null, "ER_PRS_F", 0, List.of()))));
        }
        return out;
    }

    private Path written(int patients) throws IOException {
        TimelineIndexFile.write(dir, TimelineIndex.empty().replacing(population(patients)), STAMP);
        return dir.resolve(TimelineIndexFile.FILE_NAME);
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }

    @Test
    void anIndexIsReadBackWithEveryPatientEventAndCodeAsWritten() throws Exception {
        List<PatientJourney> patients = population(300);
        TimelineIndex written = TimelineIndex.empty().replacing(patients);

        long bytes = TimelineIndexFile.write(dir, written, STAMP);
        TimelineIndex read = TimelineIndexFile.read(dir.resolve(TimelineIndexFile.FILE_NAME));

        assertThat(bytes).isEqualTo(Files.size(dir.resolve(TimelineIndexFile.FILE_NAME)));
        assertThat(read.patientCount()).isEqualTo(300);
        assertThat(read.eventCount()).isEqualTo(900);
        assertThat(read.codeCount()).isEqualTo(written.codeCount());
        for (PatientJourney p : patients) {
            assertThat(read.events(p.id())).isEqualTo(Optional.of(p.events()));
        }
        assertThat(read.birth).isEqualTo(written.birth);
        assertThat(read.events(new PatientId("absent"))).isEmpty();
    }

    @Test
    void anOpenedIndexIsMappedWithItsSavedPatientSetsAndAReplacementByAnImportKeepsThemRight() throws Exception {
        Path file = dir.resolve(TimelineIndexFile.FILE_NAME);
        Map<String, PatientJourney> all = new LinkedHashMap<>();
        RandomCohorts.population(new Random(17), 500, 0).forEach(p -> all.put(p.id().value(), p));
        TimelineIndexFile.write(dir, TimelineIndex.empty().replacing(all.values()), STAMP);

        TimelineIndex opened = TimelineIndexFile.read(file);
        assertThat(opened.mapped()).isTrue();
        assertSameSets(opened, PatientSets.of(opened), opened);

        // As the query side applies an import's changes: 200 patients replaced, 100 added, one with a code new to the dictionary.
        List<PatientJourney> changes = new ArrayList<>(RandomCohorts.population(new Random(18), 600, 0).subList(300, 600));
        changes.add(new PatientJourney(new PatientId("R0_0"), List.of(), Optional.empty(), 1, "75", Optional.empty(), List.of(
                new CareEvent(EventType.DRUG_DISPENSING, LocalDate.of(2023, 2, 1), null, "ER_PHA_F", 1,
                        List.of(new EventCode(CodeSystem.ATC, "N02BE01", CodeRole.DRUG))))));
        changes.forEach(p -> all.put(p.id().value(), p));
        JourneysStamp next = new JourneysStamp(STAMP.version() + 1, UUID.randomUUID());
        TimelineIndexFile.write(dir, opened.replacing(changes), next);
        TimelineIndex reopened = TimelineIndexFile.read(file);

        TimelineIndex.Builder b = new TimelineIndex.Builder();
        all.values().forEach(b::add);
        TimelineIndex scratch = b.build();
        assertThat(reopened.ids).isEqualTo(scratch.ids);
        assertSameSets(reopened, reopened.patientSets(), scratch);
        Random r = new Random(19);
        for (int q = 0; q < 60; q++) {
            CohortQuery query = RandomCohorts.query(r);
            Outcome candidates = new TimelineEngine(reopened, query, null, TimelineEngine.Evaluation.CANDIDATES)
                    .run(Cancellation.none(), false);
            Outcome full = new TimelineEngine(scratch, query, null, TimelineEngine.Evaluation.FULL_SCAN)
                    .run(Cancellation.none(), false);
            assertThat(candidates.rawAttrition()).as(CohortQueries.toJson(query)).containsExactly(full.rawAttrition());
            assertThat(candidates.patientIds(0, 10_000)).isEqualTo(full.patientIds(0, 10_000));
        }
    }

    /** {@code sets} (of index {@code x}) hold, for each code and type, the patients {@code reference} has with it. */
    private static void assertSameSets(TimelineIndex x, PatientSets sets, TimelineIndex reference) {
        PatientSets expected = PatientSets.of(reference);
        for (int i = 0; i < x.codeKeys.size(); i++) {
            boolean[] one = new boolean[x.codeKeys.size()];
            one[i] = true;
            boolean[] same = new boolean[reference.codeKeys.size()];
            same[reference.codeKeys.indexOf(x.codeKeys.get(i))] = true;
            assertThat(sets.withAnyCode(one)).as("code %s", x.codeKeys.get(i)).isEqualTo(expected.withAnyCode(same));
        }
        for (int t = 0; t < TimelineIndex.TYPES.length; t++) {
            assertThat(sets.withAnyType(1 << t)).as("type %s", TimelineIndex.TYPES[t]).isEqualTo(expected.withAnyType(1 << t));
        }
    }

    @Test
    void theHeaderGivesTheStampAndCounts() throws Exception {
        TimelineIndexFile.Header h = TimelineIndexFile.readHeader(written(10));

        assertThat(h.stamp()).isEqualTo(STAMP);
        assertThat(h.formatVersion()).isEqualTo(TimelineIndexFile.FORMAT_VERSION);
        assertThat(h.patients()).isEqualTo(10);
        assertThat(h.events()).isEqualTo(30);
    }

    @Test
    void anEmptyIndexIsReadBackEmpty() throws Exception {
        TimelineIndexFile.write(dir, TimelineIndex.empty(), STAMP);

        assertThat(TimelineIndexFile.read(dir.resolve(TimelineIndexFile.FILE_NAME)).patientCount()).isZero();
    }

    @Test
    void theFileAndItsFolderAreTheOwnersOnlyAndNoTemporaryFileRemains() throws Exception {
        Path folder = dir.resolve("journeys");
        TimelineIndexFile.write(folder, TimelineIndex.empty().replacing(population(5)), STAMP);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(TimelineIndexFile.FILE_NAME))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(TimelineIndexFile.FILE_NAME);
        }
    }

    @Test
    void savingAgainReplacesTheFileAndLeftoversOfAnInterruptedSaveAreDeleted() throws Exception {
        written(10);
        Path leftover = dir.resolve(TimelineIndexFile.FILE_NAME + ".12345.tmp");
        Files.writeString(leftover, "half a file");
        JourneysStamp next = STAMP.next();

        TimelineIndexFile.write(dir, TimelineIndex.empty().replacing(population(20)), next);
        TimelineIndexFile.deleteLeftovers(dir);

        assertThat(TimelineIndexFile.readHeader(dir.resolve(TimelineIndexFile.FILE_NAME)).stamp()).isEqualTo(next);
        assertThat(TimelineIndexFile.read(dir.resolve(TimelineIndexFile.FILE_NAME)).patientCount()).isEqualTo(20);
        assertThat(leftover).doesNotExist();
    }

    @Test
    void sectionsStartOnEightByteBoundariesSoThatTheyCanBeMappedAsTheyAre() throws Exception {
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(written(33))).order(ByteOrder.LITTLE_ENDIAN);

        for (int s = 0; s < 16; s++) {
            assertThat(header.getLong(80 + 16 * s) % 8).as("section %d", s).isZero();
        }
    }

    @Test
    void anIndexWhoseEventsAreNotByStartDayOrEndBeforeTheyStartIsUnusable() throws Exception {
        // The engine walks a rule's window from the first event starting in it: it relies on both.
        assertThat(timelineOf(new int[] {100, 200}, new int[] {100, 200})).isNotNull();
        assertThatThrownBy(() -> timelineOf(new int[] {200, 100}, new int[] {200, 100}))
                .isInstanceOf(TimelineIndexFile.Unusable.class).hasMessageContaining("timeline order");
        assertThatThrownBy(() -> timelineOf(new int[] {100, 200}, new int[] {99, 200}))
                .isInstanceOf(TimelineIndexFile.Unusable.class).hasMessageContaining("timeline order");
    }

    /** One patient with two uncoded consultations on these days, checked as an opened file is. */
    private static TimelineIndex timelineOf(int[] start, int[] end) throws TimelineIndexFile.Unusable {
        TimelineIndex x = new TimelineIndex(new String[] {"P1"}, new int[] {TimelineIndex.NO_DATE}, new int[] {0, 2}, start, end,
                new byte[] {(byte) EventType.CONSULTATION.ordinal(), (byte) EventType.CONSULTATION.ordinal()}, new int[2],
                new short[2], new int[] {0, 0, 0}, new int[0], new byte[0], List.of(), List.of("DCIR"));
        TimelineIndexFile.check(x);
        return x;
    }

    @Test
    void aTruncatedFileIsDetected() throws Exception {
        Path file = written(100);
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size / 2);
        }

        assertThatThrownBy(() -> TimelineIndexFile.read(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessage("it is truncated: " + size / 2 + " of " + size + " bytes");
    }

    @Test
    void aFileShorterThanItsHeaderIsDetected() throws Exception {
        Path file = written(100);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(100);
        }

        assertThatThrownBy(() -> TimelineIndexFile.readHeader(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessageContaining("truncated: 100 bytes");
    }

    @Test
    void aByteFlippedInTheBodyIsDetectedByTheChecksum() throws Exception {
        Path file = written(100);
        flip(file, Files.size(file) - 700);

        assertThat(TimelineIndexFile.readHeader(file).stamp()).isEqualTo(STAMP);
        assertThatThrownBy(() -> TimelineIndexFile.read(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessageContaining("does not match its checksum");
    }

    @Test
    void aByteFlippedInTheHeaderIsDetectedByItsChecksum() throws Exception {
        Path file = written(100);
        flip(file, 20);

        assertThatThrownBy(() -> TimelineIndexFile.readHeader(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessageContaining("header does not match its checksum");
    }

    @Test
    void aFileOfAnotherFormatVersionIsNotRead() throws Exception {
        Path file = written(10);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(8);
            f.write(new byte[] {(byte) (TimelineIndexFile.FORMAT_VERSION + 1), 0, 0, 0});
        }

        assertThatThrownBy(() -> TimelineIndexFile.read(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessage("it is of format version " + (TimelineIndexFile.FORMAT_VERSION + 1) + " and this build reads version "
                        + TimelineIndexFile.FORMAT_VERSION);
    }

    @Test
    void aFileThatIsNotATimelineIndexIsDetected() throws Exception {
        Path file = dir.resolve(TimelineIndexFile.FILE_NAME);
        Files.write(file, new byte[4096]);

        assertThatThrownBy(() -> TimelineIndexFile.read(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessageContaining("not a timeline index file");
    }

    @Test
    void aFileGrownAfterItWasWrittenIsDetected() throws Exception {
        Path file = written(10);
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> TimelineIndexFile.read(file)).isInstanceOf(TimelineIndexFile.Unusable.class)
                .hasMessageContaining("longer than written");
    }
}

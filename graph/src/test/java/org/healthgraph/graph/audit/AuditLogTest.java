package org.healthgraph.graph.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.healthgraph.graph.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private AuditLog withRecords(int n) {
        AuditLog log = AuditLog.open(dir);
        for (int i = 1; i <= n; i++) {
            log.record(AuditEvent.allowed("token:abc" + i, AuditAction.COHORT_RUN, "Query.cohort", i * 10L, "query " + i));
        }
        return log;
    }

    private void edit(Consumer<List<String>> change) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(AuditLog.FILE), StandardCharsets.UTF_8));
        change.accept(lines);
        Files.write(dir.resolve(AuditLog.FILE), lines, StandardCharsets.UTF_8);
    }

    @Test
    void recordsAreKeptInOrderAndAnIntactTrailVerifies() {
        AuditLog log = withRecords(3);

        assertThat(log.read(Optional.empty())).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
        assertThat(log.read(Optional.empty()).get(1).event().patients()).hasValue(20L);
        assertThat(log.verify()).isEqualTo(new AuditLog.Verification(3, List.of()));
    }

    @Test
    void aReopenedTrailChainsOnItsLastRecord() {
        withRecords(2);
        AuditLog reopened = AuditLog.open(dir);
        reopened.record(AuditEvent.refused("anonymous", AuditAction.ACCESS_DENIED, "Query.journeyPatient", "no token"));

        assertThat(reopened.read(Optional.empty())).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
        assertThat(reopened.verify().intact()).isTrue();
    }

    @Test
    void aChangedRecordIsNamed() throws IOException {
        AuditLog log = withRecords(3);
        edit(lines -> lines.set(1, lines.get(1).replace("\"patients\":20", "\"patients\":2")));

        assertThat(log.verify().problems()).containsExactly(
                "line 2: record 2 was changed after it was written (its hash does not match)");
    }

    @Test
    void aRemovedRecordIsNamed() throws IOException {
        AuditLog log = withRecords(3);
        edit(lines -> lines.remove(1));

        assertThat(log.verify().problems()).anyMatch(p -> p.startsWith("line 2: record 3 where record 2 was expected"));
    }

    @Test
    void reorderedRecordsAreNamed() throws IOException {
        AuditLog log = withRecords(3);
        edit(lines -> Collections.swap(lines, 0, 1));

        assertThat(log.verify().problems()).anyMatch(p -> p.contains("chain broken"));
    }

    @Test
    void recordsCutFromTheEndAreNamed() throws IOException {
        AuditLog log = withRecords(4);
        edit(lines -> lines.subList(2, 4).clear());

        assertThat(log.verify().problems()).containsExactly("records 3 to 4 were cut from the end of the trail");
    }

    @Test
    void aRecordForgedWithoutTheKeyIsNamed() throws IOException {
        AuditLog log = withRecords(2);
        String forged = Files.readAllLines(dir.resolve(AuditLog.FILE)).get(1).replace("\"seq\":2", "\"seq\":3");
        Files.writeString(dir.resolve(AuditLog.FILE), forged + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(log.verify().problems()).isNotEmpty();
    }

    @Test
    void aLineBeingWrittenIsNotReadAsARecord() throws IOException {
        AuditLog log = withRecords(2);
        Files.writeString(dir.resolve(AuditLog.FILE), "{\"seq\":3,\"at\"", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(log.read(Optional.empty())).hasSize(2);
    }

    @Test
    void sinceLeavesOlderRecordsOut() {
        AuditLog log = withRecords(2);

        assertThat(log.read(Optional.of(Instant.now().plusSeconds(60)))).isEmpty();
        assertThat(log.read(Optional.of(Instant.EPOCH))).hasSize(2);
    }

    @Test
    void theTrailAndItsKeyAreOwnerOnly() throws IOException {
        withRecords(1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AuditLog.FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AuditLog.KEY)))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedLastLineStopsTheOpeningWithoutEchoingIt() throws IOException {
        withRecords(1);
        Files.writeString(dir.resolve(AuditLog.FILE), "secret-looking garbage\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> AuditLog.open(dir)).isInstanceOf(AuditException.class)
                .hasMessageContaining("audit trail line (last line): not a JSON record")
                .hasMessageNotContaining("garbage")
                .extracting(e -> ((AuditException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
}

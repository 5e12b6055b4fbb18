package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.healthgraph.app.config.AuditConfiguration;
import org.healthgraph.app.testing.CliRun;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code healthgraph audit}: lists a data folder's trail, verifies it, and names what was tampered with. */
class AuditCommandTest {

    @TempDir
    Path data;

    private void trail(int records) {
        AuditLog log = AuditLog.open(AuditConfiguration.auditFolder(data));
        for (int i = 1; i <= records; i++) {
            log.record(AuditEvent.allowed("token:0123456789ab", AuditAction.COHORT_RUN, "Query.cohort", 100 + i, "q" + i));
        }
    }

    @Test
    void listsTheTrailAndVerifiesAnIntactOne() {
        trail(3);

        CliRun list = InProcessCli.run("audit", "--data-dir", data.toString());
        CliRun verify = InProcessCli.run("audit", "--data-dir", data.toString(), "--verify");

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("COHORT_RUN\tQuery.cohort\t103\tALLOWED\tq3").hasLineCount(4);
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("audit trail intact: 3 records");
    }

    @Test
    void aTamperedTrailFailsVerificationNamingTheRecord() throws Exception {
        trail(3);
        Path file = AuditConfiguration.auditFolder(data).resolve(AuditLog.FILE);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"patients\":102", "\"patients\":2"));
        Files.write(file, lines, StandardCharsets.UTF_8);

        CliRun verify = InProcessCli.run("audit", "--data-dir", data.toString(), "--verify");

        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.err()).contains("audit trail BROKEN").contains("line 2: record 2 was changed");
    }

    @Test
    void aFolderWithoutATrailIsNamedAndLeftUntouched() throws Exception {
        Path wrong = data.resolve("not-a-data-folder");
        Files.createDirectories(wrong);

        CliRun run = InProcessCli.run("audit", "--data-dir", wrong.toString(), "--verify");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("there is no audit trail in").contains("--data-dir");
        try (var files = Files.list(wrong)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMalformedSinceIsNamed() {
        trail(1);

        CliRun run = InProcessCli.run("audit", "--data-dir", data.toString(), "--since", "yesterday");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--since: 'yesterday' is neither a date");
    }
}

package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.graphql.access.AccessTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's behaviour that needs no database. */
class CliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void listsItsCommands() {
        CliRun run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("serve", "demo", "import", "reindex", "search", "link");
    }

    @Test
    void makesAnAccessTokenAndTheSettingHoldingOnlyItsHash() {
        CliRun run = run("access-token");

        assertThat(run.exit()).isZero();
        String[] lines = run.out().lines().map(String::strip).toArray(String[]::new);
        String token = lines[1];
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(lines[3]).isEqualTo(AccessTokens.SETTING + "=" + AccessTokens.hash(token));
        assertThat(AccessTokens.of(List.of(lines[3].substring(lines[3].indexOf('=') + 1))).grantsPatientData(token)).isTrue();
    }

    @Test
    void anUnknownOptionIsABadUsage() {
        CliRun run = run("serve", "--no-such-option");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void aPortInUseIsReportedInOneLineNamingTheOption() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = run("serve", "--port", String.valueOf(socket.getLocalPort()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("in use").contains("--port").doesNotContain("\tat ");
        }
    }

    @Test
    void theDemoRefusesToWipeAFolderThatIsNotAPreviousDemos(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("precious.csv"), "keep me");

        CliRun run = run("demo", "--data-dir", dir.toString(), "--port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not a previous demo");
        assertThat(dir.resolve("precious.csv")).exists();
    }
}

package org.healthgraph.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.cli.HealthgraphCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's behaviour that needs no database. */
class CliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = HealthgraphCli.run(args);
            return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void listsItsCommands() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("serve", "demo", "import", "reindex", "search", "link");
    }

    @Test
    void anUnknownOptionIsABadUsage() {
        Run run = run("serve", "--no-such-option");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void aPortInUseIsReportedInOneLineNamingTheOption() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run("serve", "--port", String.valueOf(socket.getLocalPort()));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("in use").contains("--port").doesNotContain("\tat ");
        }
    }

    @Test
    void theDemoRefusesToWipeAFolderThatIsNotAPreviousDemos(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("precious.csv"), "keep me");

        Run run = run("demo", "--data-dir", dir.toString(), "--port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not a previous demo");
        assertThat(dir.resolve("precious.csv")).exists();
    }
}

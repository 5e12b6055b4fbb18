package org.healthgraph.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the browser scripts of {@code ui/e2e} (playwright-core over Debian's chromium, every
 * request outside the application refused) against a running application, with its screenshots in
 * {@code ui/target/screenshots/}.
 */
public final class BrowserScript {

    /** Debian's chromium, which {@code .ci/run} installs. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 300;

    /** What a script printed, and how it ended (-1: timed out). */
    public record Result(int exitCode, String output) {
    }

    private BrowserScript() {
    }

    /** Skips the calling test (a JUnit assumption) on a machine without chromium. */
    public static void requireChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "The browser test needs Debian's chromium at " + CHROMIUM
                + " (apt-get install -y chromium); skipped without it");
    }

    /** The folder the scripts leave their screenshots in, created. */
    public static Path screenshots() throws IOException {
        return Files.createDirectories(uiFolder().resolve("target/screenshots"));
    }

    /** Runs {@code ui/e2e/<script>} against the application at {@code url}; prints its output for the build log. */
    public static Result run(String script, String url) throws IOException, InterruptedException {
        Path ui = uiFolder();
        List<String> command = List.of("node", ui.resolve("e2e").resolve(script).toString(), url, screenshots().toString(),
                CHROMIUM.toString());
        Path log = Files.createTempFile("healthgraph-e2e-", ".log");
        Process process = new ProcessBuilder(command).directory(ui.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Result result;
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            result = new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after " + TIMEOUT_SECONDS + " s)");
        } else {
            result = new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
        Files.deleteIfExists(log);
        System.out.println(result.output()); // what the browser saw, for the build log
        return result;
    }

    /** The ui module beside the app module (tests run in the app module's folder). */
    private static Path uiFolder() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("ui");
            if (Files.isRegularFile(candidate.resolve("e2e/browse.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("ui/e2e/browse.mjs not found above " + Path.of("").toAbsolutePath());
    }
}

package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.app.demo.LinkageDemoStep;
import org.healthgraph.linkage.store.LinkStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The linkage pages and the clerical review loop in a real browser: the whole application on a
 * random port with the demo's linkage run, driven by {@code ui/e2e/linkage.mjs} (playwright-core over
 * Debian's chromium, every request outside the application refused). A steward logs in, reads the
 * run's summary and a pair's waterfall, accepts one pair of the review queue and rejects another,
 * and finds the decisions in the summary; screenshots in {@code ui/target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkageWebIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("healthgraph-linkage-ui-it-");
        registry.add("healthgraph.data-dir", dir::toString);
    }

    /** The demo's linkage run, made as the demo makes it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DemoRun {
        @Bean
        String linkageDemoRun(LinkStore links, HealthgraphProperties properties) {
            return new LinkageDemoStep(links, properties.linkage().band()).run();
        }
    }

    @Autowired
    Environment environment;
    @Autowired
    LinkStore links;

    @Test
    void aStewardReadsARunAndAWaterfallThenAcceptsOnePairAndRejectsAnotherAndTheSummaryFollows() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "The browser test needs Debian's chromium at " + CHROMIUM
                + " (apt-get install -y chromium); skipped without it");
        Path ui = uiFolder();
        Path screenshots = ui.resolve("target/screenshots");
        Files.createDirectories(screenshots);
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        Result run = node(ui, ui.resolve("e2e/linkage.mjs").toString(), url, screenshots.toString(), CHROMIUM.toString());
        System.out.println(run.output());

        assertThat(run.exitCode()).as("linkage.mjs output:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("run summary: ", "pairs filter: ", "waterfall: ", "review: ", "summary after review: ",
                "LINKAGE E2E OK");
        String runId = links.runs().stream().filter(r -> r.source().equals(LinkageDemoStep.SOURCE)).findFirst().orElseThrow().id();
        assertThat(links.decisions(runId)).extracting(d -> d.steward() + ":" + d.verdict())
                .containsExactlyInAnyOrder("user:relecteur:ACCEPT", "user:relecteur:REJECT");
        for (String page : List.of("20-appariement", "21-paire", "22-revue", "23-revue-decidee", "24-appariement-apres-relecture")) {
            assertThat(screenshots.resolve(page + "-1400.png")).isNotEmptyFile();
            assertThat(screenshots.resolve(page + "-800.png")).isNotEmptyFile();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result node(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("healthgraph-linkage-e2e-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after 300 s)");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Path uiFolder() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("ui");
            if (Files.isRegularFile(candidate.resolve("e2e/linkage.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("ui/e2e/linkage.mjs not found above " + Path.of("").toAbsolutePath());
    }
}

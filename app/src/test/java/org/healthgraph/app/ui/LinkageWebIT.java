package org.healthgraph.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.app.demo.LinkageDemoStep;
import org.healthgraph.app.testing.BrowserScript;
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
        BrowserScript.requireChromium();
        Path screenshots = BrowserScript.screenshots();
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/";

        BrowserScript.Result run = BrowserScript.run("linkage.mjs", url);

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



}

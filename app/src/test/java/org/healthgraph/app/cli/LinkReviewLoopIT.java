package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.healthgraph.app.HealthgraphApplication;
import org.healthgraph.app.testing.CliRun;
import org.healthgraph.linkage.review.ClericalReview;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The review loop from the command line, on the embedded database: {@code link --graph-source} keeps
 * the run, a steward's decisions are recorded, and {@code link --labels-from-review RUN} trains again
 * with them as labelled pairs.
 */
class LinkReviewLoopIT {

    @Test
    void aRunKeptInTheGraphIsReviewedAndItsDecisionsFeedTheNextTraining(@TempDir Path dir) {
        CliRun gen = CliRun.of("generate", "linkage", "--situation", "identifiers", "--national", "5000", "--cohort", "1000",
                "--seed", "42", "--out", dir.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Path data = dir.resolve("data");
        CliRun link = CliRun.of("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("links.csv").toString(),
                "--graph-source", "COHORT", "--data-dir", data.toString(), "--setting", "healthgraph.linkage.review-band=0.01..0.999");
        assertThat(link.exit()).as(link.err()).isZero();
        Matcher kept = Pattern.compile("run (\\S+) kept in the graph; (\\d+) pairs in the review band").matcher(link.out());
        assertThat(kept.find()).as(link.out()).isTrue();
        String runId = kept.group(1);
        assertThat(Integer.parseInt(kept.group(2))).isPositive();

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE).run("--healthgraph.data-dir=" + data)) {
            LinkStore store = context.getBean(LinkStore.class);
            LinkRun run = store.run(runId).orElseThrow();
            assertThat(run.source()).isEqualTo("COHORT");
            assertThat(run.model()).isPresent();
            RunPair pair = store.pairs(runId, PairQuery.review(), Optional.empty(), 1).pairs().getFirst();
            context.getBean(ClericalReview.class).decide(runId, pair.leftId(), pair.rightId(), ReviewDecision.Verdict.ACCEPT,
                    Optional.empty(), "steward");
            assertThat(store.ofRecord("COHORT", pair.leftId())).extracting(l -> l.method()).contains(ClericalReview.ACCEPTED_METHOD);
        }

        CliRun again = CliRun.of("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("again.csv").toString(),
                "--labels-from-review", runId, "--data-dir", data.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("m re-estimated with the review decisions of run " + runId + ": 1 accepted and 0 rejected pairs");
        CliRun unknown = CliRun.of("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("x.csv").toString(),
                "--labels-from-review", "no-such-run", "--data-dir", data.toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no linkage run has this id");
    }
}

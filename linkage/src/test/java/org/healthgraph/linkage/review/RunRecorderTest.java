package org.healthgraph.linkage.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.healthgraph.linkage.match.Explanation;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.RunPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {

    @TempDir
    Path dir;

    @Test
    void keepsEveryLinkWithItsWaterfallValuesAndBandAndTheRunsRulesModelAndHistogram() {
        LinkageGenerator.Generated g = LinkageGenerator.generate(LinkageGenerator.Situation.QUASI_IDENTIFIERS, 5_000, 200, 11, dir);
        LinkageConfig config = LinkageConfigs.read(g.config());
        LinkRun.ReviewBand band = new LinkRun.ReviewBand(0.2, 0.999);
        RunRecorder recorder = new RunRecorder(band, Clock.systemUTC());

        LinkageJob.Summary s = LinkageJob.run(config, LinkageJob.Strategy.FELLEGI_SUNTER, dir.resolve("out.csv"),
                LinkageProgress.NONE, recorder);
        LinkRun run = recorder.run("COHORT", config, s);
        List<RunPair> pairs = recorder.pairs();

        List<RunPair> linked = pairs.stream().filter(RunPair::linked).toList();
        assertThat(linked).hasSize(s.result().links().size()).isNotEmpty();
        assertThat(run.links()).isEqualTo(linked.size());
        assertThat(run.rules()).extracting(LinkRun.Rule::pairs).containsExactlyElementsOf(s.blockingPairs().values());
        assertThat(run.inputs()).extracting(LinkRun.Input::name).noneMatch(n -> n.contains("/"));
        assertThat(run.model()).isEqualTo(s.model());
        assertThat(run.weightHistogram().stream().mapToLong(LinkRun.Bin::count).sum()).isEqualTo(linked.size());
        assertThat(run.estimates().precision()).isEqualTo(s.result().expectedPrecision());
        for (RunPair p : pairs) {
            Explanation e = p.explanation().orElseThrow();
            double sum = e.priorWeight() + e.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum();
            assertThat(sum).isCloseTo(p.weight().getAsDouble(), offset(1e-9));
            assertThat(e.recordStep().orElseThrow().probability()).isCloseTo(p.decisionProbability(), offset(1e-6));
            assertThat(p.fields()).extracting(RunPair.FieldValues::field)
                    .containsExactlyElementsOf(config.fields().stream().map(LinkageConfig.Field::name).toList());
            assertThat(p.review()).isEqualTo(band.contains(p.decisionProbability()));
        }
        assertThat(pairs).anyMatch(RunPair::review);
        assertThat(pairs).extracting(RunPair::ordinal).isSorted();
    }

    @Test
    void keepsTheBestCandidateOfAnUnlinkedRecordWhenItFallsInTheBandAndNeverALinkedRecordTwice() {
        LinkageGenerator.Generated g = LinkageGenerator.generate(LinkageGenerator.Situation.REGISTER, 3_000, 300, 42, dir);
        LinkageConfig config = LinkageConfigs.read(g.config());
        LinkRun.ReviewBand band = new LinkRun.ReviewBand(0.01, 0.9);
        RunRecorder recorder = new RunRecorder(band, Clock.systemUTC());

        LinkageJob.run(config, LinkageJob.Strategy.FELLEGI_SUNTER, dir.resolve("out.csv"), LinkageProgress.NONE, recorder);

        List<RunPair> misses = recorder.pairs().stream().filter(p -> !p.linked()).toList();
        assertThat(misses).isNotEmpty().allSatisfy(p -> {
            assertThat(p.review()).isTrue();
            assertThat(band.contains(p.decisionProbability())).isTrue();
            assertThat(p.explanation()).isPresent();
        });
        assertThat(recorder.pairs()).extracting(RunPair::leftId).doesNotHaveDuplicates();
    }

    @Test
    void aReviewBandIsReadFromLowDotDotHigh() {
        assertThat(LinkRun.ReviewBand.parse("0.2..0.9")).isEqualTo(new LinkRun.ReviewBand(0.2, 0.9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinkRun.ReviewBand.parse("0.9..0.2"))
                .hasMessageContaining("0 <= low < high <= 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinkRun.ReviewBand.parse("0.9"))
                .hasMessageContaining("LOW..HIGH");
    }
}

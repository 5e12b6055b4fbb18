package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.healthgraph.linkage.match.internal.RecordLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record-level decisions: a left record's posterior over its candidates and "no counterpart",
 * against the pairwise decision, on a small linkage whose model is fixed by hand.
 */
class RecordLevelDecisionTest {

    @TempDir
    Path dir;

    /**
     * L1 has one candidate that agrees on the first name only (pairwise probability 0.17, no rival);
     * L2 has two candidates that agree on everything (twins, say); L3..L10 one strong candidate each.
     */
    private LinkageConfig linkage(String decision) throws IOException {
        StringBuilder left = new StringBuilder("id,nom,prenom,naissance\nL1,DUPONT,MARIE,1950-01-01\nL2,PETIT,LEA,1960-02-02\n");
        StringBuilder right = new StringBuilder("id,nom,prenom,naissance\nR1,MARTIN,MARIE,1950-01-01\n"
                + "R2,PETIT,LEA,1960-02-02\nR3,PETIT,LEA,1960-02-02\n");
        for (int k = 3; k <= 10; k++) {
            left.append("L").append(k).append(",NOM").append((char) ('A' + k)).append(",PRENOM,1970-01-").append(10 + k).append('\n');
            right.append("R").append(k + 1).append(",NOM").append((char) ('A' + k)).append(",PRENOM,1970-01-").append(10 + k).append('\n');
        }
        Files.writeString(dir.resolve("left.csv"), left);
        Files.writeString(dir.resolve("right.csv"), right);
        Files.writeString(dir.resolve("model.json"), """
                {"prior": 0.1, "emIterations": 0, "fields": [
                  {"name": "nom", "levels": [{"label": "exact", "m": 0.9, "u": 0.01, "uRandom": 0.01},
                                             {"label": "else", "m": 0.1, "u": 0.99, "uRandom": 0.99}]},
                  {"name": "prenom", "levels": [{"label": "exact", "m": 0.9, "u": 0.05, "uRandom": 0.05},
                                                {"label": "else", "m": 0.1, "u": 0.95, "uRandom": 0.95}]}]}
                """);
        Path config = dir.resolve("linkage.yaml");
        Files.writeString(config, """
                left: {path: left.csv, id: id}
                right: {path: right.csv, id: id}
                fields:
                  - {name: nom, type: name, levels: [exact]}
                  - {name: prenom, type: name, levels: [exact]}
                blocking: [[naissance]]
                training: {model: model.json, randomPairs: 1000}
                """ + decision + "\n");
        return LinkageConfigs.read(config);
    }

    private static Map<String, Link> byLeft(LinkageJob.Summary s) {
        return s.result().links().stream().collect(Collectors.toMap(Link::leftId, l -> l));
    }

    @Test
    void aCandidateWithoutRivalIsLinkedAndTwoEqualCandidatesAreNot() throws IOException {
        LinkageJob.Summary s = LinkageJob.run(linkage("decision: {mode: one-to-one}"), Strategy.FELLEGI_SUNTER,
                dir.resolve("links.csv"), LinkageProgress.NONE);
        Map<String, Link> links = byLeft(s);
        Link l1 = links.get("L1");
        assertThat(l1).isNotNull();
        assertThat(l1.rightId()).isEqualTo("R1");
        assertThat(l1.probability()).as("the pair alone").isLessThan(0.5);
        assertThat(l1.recordProbability().getAsDouble()).as("the record's posterior").isGreaterThan(0.5);
        assertThat(links).doesNotContainKey("L2");
        assertThat(links).containsKeys("L3", "L10");
        assertThat(s.result().counterpartShare().getAsDouble()).isBetween(0.8, RecordLevel.LAMBDA_MAX);
        assertThat(Files.readAllLines(dir.resolve("links.csv")).getFirst())
                .startsWith("left_id,right_id,probability,record_probability,weight,method");
    }

    @Test
    void thePairwiseDecisionMissesTheLoneCandidateAndPicksOneOfTheTwins() throws IOException {
        LinkageJob.Summary s = LinkageJob.run(linkage("decision: {mode: one-to-one, probability: pair}"), Strategy.FELLEGI_SUNTER,
                dir.resolve("links.csv"), LinkageProgress.NONE);
        Map<String, Link> links = byLeft(s);
        assertThat(links).doesNotContainKey("L1");
        assertThat(links.get("L2").rightId()).isIn("R2", "R3");
        assertThat(links.get("L2").recordProbability()).isEmpty();
        assertThat(s.result().counterpartShare()).isEmpty();
    }

    @Test
    void theThresholdModeOnRecordsKeepsAtMostOneLinkPerLeftRecord() throws IOException {
        LinkageJob.Summary s = LinkageJob.run(linkage("decision: {mode: threshold, threshold: 0.5}"), Strategy.FELLEGI_SUNTER,
                dir.resolve("links.csv"), LinkageProgress.NONE);
        List<String> lefts = s.result().links().stream().map(Link::leftId).toList();
        assertThat(lefts).doesNotHaveDuplicates().contains("L1").doesNotContain("L2");
        LinkageJob.Summary pairs = LinkageJob.run(linkage("decision: {mode: threshold, threshold: 0.5, probability: pair}"),
                Strategy.FELLEGI_SUNTER, dir.resolve("links.csv"), LinkageProgress.NONE);
        assertThat(pairs.result().links().stream().filter(l -> l.leftId().equals("L2"))).hasSize(2);
        assertThat(pairs.result().links().stream().map(Link::leftId)).doesNotContain("L1");
    }

    @Test
    void theExplanationEndsWithTheRecordLevelStep() throws IOException {
        LinkageConfig config = linkage("decision: {mode: one-to-one}");
        Linkage linkage = Linkage.open(config, LinkageProgress.NONE);
        LinkageModel model = LinkageModel.load(dir.resolve("model.json"));
        LinkageResult result = linkage.score(model);
        double lambda = result.counterpartShare().getAsDouble();
        Explanation twin = linkage.explain(model, lambda, "L2", "R2");
        Explanation.RecordStep step = twin.recordStep().orElseThrow();
        assertThat(step.otherCandidates()).isEqualTo(1);
        assertThat(twin.weight() + step.adjustment()).isCloseTo(step.weight(), offset(1e-9));
        assertThat(step.probability()).isLessThan(0.5).isGreaterThan(0.45);
        Explanation lone = linkage.explain(model, lambda, "L1", "R1");
        assertThat(lone.recordStep().orElseThrow().otherCandidates()).isZero();
        assertThat(lone.recordStep().orElseThrow().adjustment()).as("no rival: the step raises the weight").isPositive();
        Link l1 = result.links().stream().filter(l -> l.leftId().equals("L1")).findFirst().orElseThrow();
        assertThat(lone.recordStep().orElseThrow().probability()).isCloseTo(l1.recordProbability().getAsDouble(), offset(1e-9));
        assertThat(linkage.explain(model, "L1", "R1").recordStep()).isEmpty();
    }

    @Test
    void theRecordLevelProbabilityNeedsTwoFilesAndAModeOtherThanCluster() throws IOException {
        Path config = dir.resolve("dedup.yaml");
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                fields: [{name: nom, type: name, levels: [exact]}]
                blocking: [[nom]]
                decision: {mode: one-to-one, probability: record}
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("needs two files");
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                fields: [{name: nom, type: name, levels: [exact]}]
                blocking: [[nom]]
                decision: {mode: one-to-one}
                """);
        assertThat(LinkageConfigs.read(config).decision().probability()).isEqualTo(DecisionProbability.PAIR);
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                right: {path: other.csv, id: id}
                fields: [{name: nom, type: name, levels: [exact]}]
                blocking: [[nom]]
                decision: {mode: cluster, probability: record}
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("does not fit mode cluster");
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                right: {path: other.csv, id: id}
                fields: [{name: nom, type: name, levels: [exact]}]
                blocking: [[nom]]
                decision: {mode: one-to-one, probability: records}
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("'records' is not one of [pair, record]");
    }

    @Test
    void lambdaIsTheShareOfRecordsWhoseCandidatesHoldACounterpart() {
        double[] oddsSum = new double[1000];
        for (int i = 0; i < oddsSum.length; i++) {
            oddsSum[i] = i < 700 ? 1024 : Math.pow(2, -20);
        }
        RecordLevel r = RecordLevel.estimate(oddsSum, 1e-6, 1_000_000);
        assertThat(r.lambda()).isCloseTo(0.7, offset(0.001));
        assertThat(r.matchProbability(1024)).isGreaterThan(0.99);
        assertThat(r.matchProbability(0)).isZero();
        RecordLevel all = RecordLevel.estimate(new double[] {1e9, 1e9}, 1e-6, 1_000_000);
        assertThat(all.lambda()).as("never certain").isEqualTo(RecordLevel.LAMBDA_MAX);
    }
}

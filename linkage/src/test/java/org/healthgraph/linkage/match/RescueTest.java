package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rescue: a left record whose blocking rules all miss its counterpart (every rule has a key that
 * disagrees) is searched again on two fields agreeing exactly, or on its name columns swapped.
 */
class RescueTest {

    @TempDir
    Path dir;

    /**
     * Blocking on the birth date only. L1's counterpart R1 was born a year apart (no rule proposes
     * it), and L1 typed its names with accents where the right file has none; L2 typed its names in each other's columns and its counterpart R2 a month apart; L3..L10
     * have their counterpart among their candidates; L11 has no counterpart and shares nothing.
     */
    private LinkageConfig linkage(String decision) throws IOException {
        StringBuilder left = new StringBuilder("id,nom,prenom,naissance\n"
                + "L1,Kervarec,Gwénaëlle,1950-01-01\nL2,ANATOLE,ZANETTI,1960-02-02\nL11,DURAND,PAUL,1990-09-09\n");
        StringBuilder right = new StringBuilder("id,nom,prenom,naissance\n"
                + "R1,KERVAREC,GWENAELLE,1951-01-01\nR2,ZANETTI,ANATOLE,1960-03-02\nR99,MARTIN,JEAN,1990-09-10\n");
        for (int k = 3; k <= 10; k++) {
            left.append("L").append(k).append(",NOM").append((char) ('A' + k)).append(",PRENOM,1970-01-").append(10 + k).append('\n');
            right.append("R").append(k).append(",NOM").append((char) ('A' + k)).append(",PRENOM,1970-01-").append(10 + k).append('\n');
        }
        Files.writeString(dir.resolve("left.csv"), left);
        Files.writeString(dir.resolve("right.csv"), right);
        Files.writeString(dir.resolve("model.json"), """
                {"prior": 0.1, "emIterations": 0, "fields": [
                  {"name": "nom", "levels": [{"label": "exact", "m": 0.9, "u": 0.01, "uRandom": 0.01},
                                             {"label": "reversed:prenom", "m": 0.02, "u": 0.001, "uRandom": 0.001},
                                             {"label": "else", "m": 0.08, "u": 0.989, "uRandom": 0.989}]},
                  {"name": "prenom", "levels": [{"label": "exact", "m": 0.9, "u": 0.05, "uRandom": 0.05},
                                                {"label": "reversed:nom", "m": 0.02, "u": 0.001, "uRandom": 0.001},
                                                {"label": "else", "m": 0.08, "u": 0.949, "uRandom": 0.949}]}]}
                """);
        Path config = dir.resolve("linkage.yaml");
        Files.writeString(config, """
                left: {path: left.csv, id: id}
                right: {path: right.csv, id: id}
                fields:
                  - {name: nom, type: name, levels: [exact, "reversed:prenom"]}
                  - {name: prenom, type: name, levels: [exact, "reversed:nom"]}
                blocking: [[naissance]]
                training: {model: model.json, randomPairs: 1000}
                """ + decision + "\n");
        return LinkageConfigs.read(config);
    }

    private Map<String, String> links(String decision) throws IOException {
        LinkageJob.Summary s = LinkageJob.run(linkage(decision), Strategy.FELLEGI_SUNTER, dir.resolve("links.csv"),
                LinkageProgress.NONE);
        return s.result().links().stream().collect(Collectors.toMap(Link::leftId, Link::rightId));
    }

    @Test
    void aCounterpartEveryBlockingRuleMissesIsFoundOnTwoFieldsAgreeingOrOnSwappedNames() throws IOException {
        Map<String, String> links = links("decision: {mode: one-to-one}");
        assertThat(links).containsEntry("L1", "R1").containsEntry("L2", "R2").containsEntry("L3", "R3")
                .containsEntry("L10", "R10").doesNotContainKey("L11");
    }

    /**
     * A link the rescue found is explained with the candidates its decision weighed: its
     * record-level step gives the link's record-level probability, and the near misses of review
     * see the rescue's candidates too.
     */
    @Test
    void aRescuedLinksExplanationGivesTheProbabilityItsDecisionUsed() throws IOException {
        Linkage linkage = Linkage.open(linkage("decision: {mode: one-to-one}"), LinkageProgress.NONE);
        LinkageModel model = linkage.train();
        LinkageResult result = linkage.score(model);
        Link rescued = result.links().stream().filter(l -> l.leftId().equals("L1")).findFirst().orElseThrow();
        double lambda = result.counterpartShare().orElseThrow();
        Explanation e = linkage.explain(model, lambda, "L1", "R1");
        assertThat(e.recordStep().orElseThrow().probability())
                .isCloseTo(rescued.recordProbability().orElseThrow(), org.assertj.core.data.Offset.offset(1e-9));
        // L2 has one rival from its blocking rule (R2 is a month apart, so not proposed) and its rescued counterpart
        Explanation best = linkage.bestCandidates(model, result.counterpartShare(), java.util.List.of("L2")).getFirst();
        assertThat(best.rightId()).isEqualTo("R2");
    }

    @Test
    void withoutTheRescueOnlyTheBlockingRulesCandidatesAreLinked() throws IOException {
        Map<String, String> links = links("decision: {mode: one-to-one, rescue: false}");
        assertThat(links).doesNotContainKeys("L1", "L2", "L11").containsEntry("L3", "R3");
    }

    @Test
    void theRescueSettingMustBeABoolean() {
        assertThatThrownBy(() -> linkage("decision: {mode: one-to-one, rescue: sometimes}"))
                .hasMessageContaining("decision.rescue: expected true or false");
    }
}

package org.healthgraph.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.graph.HealthgraphException;
import org.healthgraph.linkage.match.Evaluation;
import org.healthgraph.linkage.match.Linkage;
import org.healthgraph.linkage.match.LinkageConfig.DecisionProbability;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.LinkageResult;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.healthgraph.spark.internal.LinkageKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark linkage (local[2]) against the single-machine engine, opened on its own, on the
 * generators' data: the same candidate pairs, the same links, the same probabilities.
 */
class SparkLinkageTest {

    @TempDir
    static Path dir;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // without adaptive execution, whose coalescing would put these few pairs in one partition
        spark = LocalSpark.start(dir, Map.of("spark.sql.adaptive.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static SparkLinkage.Run linkBoth(Path config, Optional<DecisionProbability> probability, Optional<Boolean> rescue,
                                             LinkageResult[] single) {
        SparkLinkage.Run run = SparkLinkage.on(spark).link(config, probability, rescue);
        Linkage alone = Linkage.open(LinkageKernels.Spec.config(config, probability, rescue), LinkageProgress.NONE);
        single[0] = alone.score(run.model());
        return run;
    }

    private static void assertSame(SparkLinkage.Run run, LinkageResult single) {
        assertThat(run.result().links()).isNotEmpty();
        assertThat(run.result().candidatePairs()).isEqualTo(single.candidatePairs());
        assertThat(SparkLinkage.sameLinks(single, run.result())).isEmpty();
        assertThat(run.result().expectedPrecision()).isCloseTo(single.expectedPrecision(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.result().expectedRecall()).isCloseTo(single.expectedRecall(), org.assertj.core.data.Offset.offset(1e-9));
    }

    private static LinkageGenerator.Generated generate(Situation s) {
        return LinkageGenerator.generate(s, 5_000, 300, 11, dir.resolve(s.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void linksEachSituationAsTheSingleMachineEngineWithRecordLevelDecisionsAndTheRescue() {
        for (Situation s : Situation.values()) {
            LinkageGenerator.Generated g = generate(s);
            LinkageResult[] single = new LinkageResult[1];
            SparkLinkage.Run run = linkBoth(g.config(), Optional.of(DecisionProbability.RECORD), Optional.of(true), single);
            assertSame(run, single[0]);
            assertThat(run.result().counterpartShare()).isPresent();
            assertThat(Evaluation.of(run.result().links().stream().map(l -> l.pair()).toList(), Evaluation.readPairs(g.truth())).f1())
                    .as(s.name()).isGreaterThan(0.8);
        }
    }

    @Test
    void linksAsTheSingleMachineEngineWithPairwiseDecisionsAndWithoutTheRescue() {
        LinkageGenerator.Generated g = generate(Situation.QUASI_IDENTIFIERS);
        LinkageResult[] single = new LinkageResult[1];
        assertSame(linkBoth(g.config(), Optional.of(DecisionProbability.PAIR), Optional.empty(), single), single[0]);
        assertSame(linkBoth(g.config(), Optional.of(DecisionProbability.RECORD), Optional.of(false), single), single[0]);
    }

    @Test
    void deduplicatesIntoTheSingleMachineEnginesClusters() throws IOException {
        LinkageGenerator.Generated g = generate(Situation.IDENTIFIERS);
        // one file holding the cohort's records and the national ones: each cohort record and its counterpart are duplicates
        List<String> national = Files.readAllLines(g.national());
        List<String> columns = Arrays.asList(national.getFirst().split(","));
        List<String> rows = new ArrayList<>(Files.readAllLines(g.cohort()));
        List<String> cohortColumns = Arrays.asList(rows.getFirst().split(","));
        for (String line : national.subList(1, national.size())) {
            String[] v = line.split(",", -1);
            rows.add(String.join(",", cohortColumns.stream().map(c -> v[columns.indexOf(c)]).toList()));
        }
        Path people = dir.resolve("dedupe/people.csv");
        Files.createDirectories(people.getParent());
        Files.write(people, rows);
        Path config = people.resolveSibling("dedupe.yaml");
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                fields:
                  - {name: nom, type: name, termFrequency: true, levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9"]}
                  - {name: prenom, type: name, termFrequency: true, levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9"]}
                  - {name: sexe, type: exact}
                  - {name: date_naissance, type: date, format: yyyy-MM-dd, levels: [exact, "within-days:31", same-year]}
                  - {name: code_postal, type: code, levels: [exact, "prefix:2"]}
                blocking:
                  - {name: birth date, keys: [date_naissance]}
                  - {name: names, keys: [nom, prenom]}
                  - {name: first name and postcode, keys: ["prenom|soundex-fr", code_postal]}
                decision: {mode: cluster, threshold: 0.5, maxClusterSize: 5}
                """);
        LinkageResult[] single = new LinkageResult[1];
        SparkLinkage.Run run = linkBoth(config, Optional.empty(), Optional.empty(), single);
        assertSame(run, single[0]);
        assertThat(run.result().links()).allSatisfy(l -> assertThat(l.clusterId()).isPresent());
        assertThat(run.result().links().size()).isGreaterThan(200);
    }

    @Test
    void aMissingInputFileIsNamedBeforeAnySparkWork() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 200, 20, 3, dir.resolve("missing"));
        Files.delete(g.cohort());
        assertThatThrownBy(() -> SparkLinkage.on(spark).link(g.config()))
                .isInstanceOf(HealthgraphException.class)
                .hasMessageContaining("cohort.csv");
        assertThatThrownBy(() -> SparkLinkage.on(spark).link(dir.resolve("missing/none.yaml")))
                .isInstanceOf(SparkJobException.class)
                .hasMessageContaining("none.yaml");
    }

    @Test
    void aColumnMissingFromAnInputIsNamed() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 200, 20, 3, dir.resolve("columns"));
        List<String> lines = Files.readAllLines(g.cohort());
        lines.set(0, lines.getFirst().replace("prenom", "first_name"));
        Files.write(g.cohort(), lines);
        assertThatThrownBy(() -> SparkLinkage.on(spark).link(g.config()))
                .isInstanceOf(HealthgraphException.class)
                .hasMessageContaining("cohort.csv")
                .hasMessageContaining("'prenom'");
    }
}

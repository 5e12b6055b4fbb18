package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkageJobTest {

    @TempDir
    Path dir;

    @Test
    void linksQuasiIdentifiersBetterThanTheTieredBaselineAndExplainsEachLink() {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.QUASI_IDENTIFIERS, 20_000, 400, 5, dir);
        LinkageConfig config = LinkageConfigs.read(g.config());
        LinkageJob.Summary fs = LinkageJob.run(config, Strategy.FELLEGI_SUNTER, dir.resolve("fs.csv"), LinkageProgress.NONE);
        LinkageJob.Summary tiers = LinkageJob.run(config, Strategy.TIERS, dir.resolve("tiers.csv"), LinkageProgress.NONE);
        Evaluation e = Evaluation.of(dir.resolve("fs.csv"), g.truth());
        Evaluation baseline = Evaluation.of(dir.resolve("tiers.csv"), g.truth());
        assertThat(e.f1()).isGreaterThan(0.98);
        assertThat(e.recall()).isGreaterThan(baseline.recall() + 0.02);
        Link link = fs.result().links().getFirst();
        double sum = fs.model().orElseThrow().priorWeight() + link.contributions().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(link.weight(), offset(1e-9));
        assertThat(fs.result().expectedPrecision()).isBetween(0.9, 1.0);
    }

    @Test
    void linksIdentifiersOneToOneWithHighF1() {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 20_000, 400, 6, dir);
        LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.FELLEGI_SUNTER, dir.resolve("fs.csv"), LinkageProgress.NONE);
        Evaluation e = Evaluation.of(dir.resolve("fs.csv"), g.truth());
        assertThat(e.f1()).isGreaterThan(0.97);
        List<String> lefts = Evaluation.readPairs(dir.resolve("fs.csv")).stream().map(Evaluation.Pair::leftId).toList();
        assertThat(lefts).doesNotHaveDuplicates();
    }

    @Test
    void savesTheModelAndReusesItForTheSameLinks() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.QUASI_IDENTIFIERS, 5_000, 100, 8, dir);
        Files.writeString(g.config(), Files.readString(g.config()) + "training: {model: model.json}\n");
        LinkageConfig config = LinkageConfigs.read(g.config());
        LinkageJob.Summary first = LinkageJob.run(config, Strategy.FELLEGI_SUNTER, dir.resolve("a.csv"), LinkageProgress.NONE);
        assertThat(dir.resolve("model.json")).exists();
        LinkageJob.Summary second = LinkageJob.run(config, Strategy.FELLEGI_SUNTER, dir.resolve("b.csv"), LinkageProgress.NONE);
        assertThat(second.model().orElseThrow().emIterations()).isEqualTo(first.model().orElseThrow().emIterations());
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).isEqualTo(Files.readAllLines(dir.resolve("a.csv")));
        assertThat(LinkageModel.load(dir.resolve("model.json")).table()).isEqualTo(first.model().orElseThrow().table());
    }

    @Test
    void stopsOnABlockingRuleWithTooManyPairsNamingItAndLeavesNoOutput() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.QUASI_IDENTIFIERS, 5_000, 100, 8, dir);
        Files.writeString(g.config(), Files.readString(g.config()).replace("blocking:\n",
                "blocking:\n  - {name: sex only, keys: [sexe]}\n") + "maxPairsPerRule: 100000\n");
        LinkageConfig config = LinkageConfigs.read(g.config());
        Path out = dir.resolve("out.csv");
        assertThatThrownBy(() -> LinkageJob.run(config, Strategy.FELLEGI_SUNTER, out, LinkageProgress.NONE))
                .isInstanceOf(LinkageException.class).hasMessageContaining("'sex only'").hasMessageContaining("candidate pairs");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("out.csv"));
        }
    }

    @Test
    void rejectsAMissingColumnDuplicateIdsAndEmptyInputsClearly() throws IOException {
        Path left = dir.resolve("left.csv");
        Path right = dir.resolve("right.csv");
        Files.writeString(right, "id,nom\nR1,MARTIN\nR2,DURAND\n");
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                left: {path: left.csv, id: id}
                right: {path: right.csv, id: id}
                fields: [{name: nom, type: name, levels: [exact]}]
                blocking: [[nom]]
                """);
        Files.writeString(left, "id,name\nL1,MARTIN\n");
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("o.csv"),
                LinkageProgress.NONE)).hasMessageContaining("left.csv: no column 'nom'");
        Files.writeString(left, "id,nom\nL1,MARTIN\nL1,DUPONT\n");
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("o.csv"),
                LinkageProgress.NONE)).hasMessageContaining("left.csv line 3: repeats the id of line 2").hasMessageNotContaining("L1");
        Files.writeString(left, "id,nom\n");
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("o.csv"),
                LinkageProgress.NONE)).hasMessageContaining("left.csv: no records");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void rejectsUnknownKeysTypesAndLevelsInTheConfiguration() throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "left: {path: l.csv, id: id}\nfield: []\n");
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("unknown key 'field'");
        Files.writeString(config, "left: {path: l.csv, id: id}\nfields: [{name: x, type: fuzzy}]\nblocking: [[x]]\n");
        assertThatThrownBy(() -> LinkageConfigs.read(config)).hasMessageContaining("field x has type 'fuzzy'");
    }

    @Test
    void deduplicatesOneFileIntoClustersWithStableIds() throws IOException {
        Path people = dir.resolve("people.csv");
        Files.writeString(people, """
                id,nom,prenom,date_naissance
                1,MARTIN,MARIE,1980-01-02
                2,MARTIN,MARIE,1980-01-02
                3,MARTINN,MARIE,1980-01-02
                4,DURAND,PAUL,1975-03-04
                5,DURAND,PAUL,1975-03-04
                6,PETIT,JEAN,1990-05-06
                7,ROBERT,ANNE,1991-06-07
                8,LEROY,LUC,1992-07-08
                """);
        Path config = dir.resolve("dedup.yaml");
        Files.writeString(config, """
                left: {path: people.csv, id: id}
                fields:
                  - {name: nom, type: name, levels: [exact, "damerau-levenshtein<=1"]}
                  - {name: prenom, type: name, levels: [exact]}
                  - {name: date_naissance, type: date, levels: [exact]}
                blocking: [[date_naissance], [nom]]
                decision: {mode: cluster, threshold: 0.5, maxClusterSize: 5}
                training: {randomPairs: 1000}
                """);
        LinkageJob.Summary s = LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("c.csv"),
                LinkageProgress.NONE);
        List<Link> links = s.result().links();
        assertThat(links).extracting(l -> l.leftId() + "-" + l.rightId()).contains("1-2", "4-5");
        assertThat(links.stream().filter(l -> l.leftId().equals("1")).map(l -> l.clusterId().orElseThrow()).distinct()).hasSize(1);
        LinkageJob.Summary again = LinkageJob.run(LinkageConfigs.read(config), Strategy.FELLEGI_SUNTER, dir.resolve("d.csv"),
                LinkageProgress.NONE);
        assertThat(again.result().links()).isEqualTo(links);
    }
}

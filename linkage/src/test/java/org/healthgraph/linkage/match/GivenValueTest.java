package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * u given the parent's agreed value: a birth date whose u is given the first name's level weighs
 * less for a first name whose bearers share birth dates often (given over a few days) than for one
 * given over decades, measured on the right file, with the same model.
 */
class GivenValueTest {

    @TempDir
    Path dir;

    @Test
    void aBirthDateSharedWithAStrangerOfAFashionableFirstNameWeighsLessThanOneOfAFirstNameGivenOverDecades() throws IOException {
        StringBuilder right = new StringBuilder("id,prenom,naissance\n");
        LocalDate start = LocalDate.of(1950, 1, 1);
        for (int k = 0; k < 400; k++) {
            // NATHALIE over 20 days, MARIE over 4,000
            right.append("N").append(k).append(",NATHALIE,").append(start.plusDays(7000 + k % 20)).append('\n');
            right.append("M").append(k).append(",MARIE,").append(start.plusDays(k * 10L)).append('\n');
        }
        Files.writeString(dir.resolve("right.csv"), right);
        Files.writeString(dir.resolve("left.csv"), "id,prenom,naissance\nL1,NATHALIE," + start.plusDays(7003)
                + "\nL2,MARIE," + start.plusDays(30) + "\n");
        Files.writeString(dir.resolve("model.json"), """
                {"prior": 1e-4, "emIterations": 0, "fields": [
                  {"name": "prenom", "levels": [{"label": "exact", "m": 0.9, "u": 0.02, "uRandom": 0.02},
                                                {"label": "else", "m": 0.1, "u": 0.98, "uRandom": 0.98}]},
                  {"name": "naissance", "given": "prenom", "uGiven": [[0.002, 0.998], [0.0001, 0.9999]],
                   "levels": [{"label": "exact", "m": 0.95, "u": 0.0001, "uRandom": 0.0001},
                              {"label": "else", "m": 0.05, "u": 0.9999, "uRandom": 0.9999}]}]}
                """);
        Files.writeString(dir.resolve("linkage.yaml"), """
                left: {path: left.csv, id: id}
                right: {path: right.csv, id: id}
                fields:
                  - {name: prenom, type: name, levels: [exact]}
                  - {name: naissance, type: date, format: yyyy-MM-dd, levels: [exact]}
                blocking: [[naissance]]
                training: {model: model.json, randomPairs: 1000}
                decision: {mode: one-to-one}
                """);
        LinkageConfig config = LinkageConfigs.read(dir.resolve("linkage.yaml"));
        Linkage linkage = Linkage.open(config, LinkageProgress.NONE);
        LinkageModel model = LinkageModel.load(dir.resolve("model.json"));
        Explanation.Contribution nathalie = linkage.explain(model, "L1", "N3").contributions().get(1);
        Explanation.Contribution marie = linkage.explain(model, "L2", "M3").contributions().get(1);
        double tree = Math.log(0.95 / 0.002) / Math.log(2);
        // 400 NATHALIE over 20 days: two of them share a birth date with probability about 1/20
        assertThat(nathalie.termFrequencyAdjustment()).isLessThan(-4);
        // 400 MARIE over 4,000 days, none sharing: u shrinks toward nothing, the bound is far
        assertThat(marie.termFrequencyAdjustment()).isGreaterThan(1);
        assertThat(nathalie.weight()).isCloseTo(tree + nathalie.termFrequencyAdjustment(), offset(1e-9));
        assertThat(nathalie.weight()).isLessThan(marie.weight() - 5);
    }
}

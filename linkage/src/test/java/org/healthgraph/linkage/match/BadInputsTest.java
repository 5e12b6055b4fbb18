package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.healthgraph.linkage.match.LinkageJob.Strategy;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "bad input" list of issue 15: each gives a clear error or a documented result, and nothing half-written. */
class BadInputsTest {

    @TempDir
    Path dir;

    @Test
    void malformedYamlIsNamedByItsPlaceAndReasonWithoutQuotingTheLine() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "left:  {path: cohort.csv, id: id}\nright: {path: national.csv, id: id, \u0001secret-looking-value}\n");

        assertThatThrownBy(() -> LinkageConfigs.read(config)).isInstanceOf(LinkageException.class)
                .hasMessageContaining("configuration bad.yaml: not valid YAML at line ").hasMessageContaining("special characters")
                .hasMessageNotContaining("secret-looking-value").hasMessageNotContaining("national.csv");
    }

    @Test
    void aRecordWithEveryComparedFieldMissingIsCountedAndNeverLinked() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 5_000, 200, 11, dir);
        List<String> cohort = new ArrayList<>(Files.readAllLines(g.cohort()));
        cohort.add("EMPTY1,,,,,");
        cohort.add("EMPTY2,  ,,, ,");
        Files.write(g.cohort(), cohort);
        LinkageJob.Summary s = LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.FELLEGI_SUNTER, dir.resolve("l.csv"),
                LinkageProgress.NONE);
        assertThat(s.emptyLeftRecords()).isEqualTo(2);
        assertThat(s.result().links()).noneMatch(l -> l.leftId().startsWith("EMPTY"));
        assertThat(Evaluation.of(dir.resolve("l.csv"), g.truth()).f1()).isGreaterThan(0.95);
    }

    @Test
    void aFileWithItsColumnsInAnotherOrderGivesTheSameLinks() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 5_000, 200, 12, dir);
        LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.FELLEGI_SUNTER, dir.resolve("a.csv"), LinkageProgress.NONE);
        for (Path file : List.of(g.national(), g.cohort())) {
            List<String> lines = Files.readAllLines(file);
            int columns = lines.getFirst().split(",", -1).length;
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                order.add(c);
            }
            Collections.shuffle(order, new Random(3));
            List<String> shuffled = new ArrayList<>();
            for (String line : lines) {
                String[] cells = line.split(",", -1);
                List<String> out = new ArrayList<>();
                order.forEach(c -> out.add(cells[c]));
                shuffled.add(String.join(",", out));
            }
            Files.write(file, shuffled);
        }
        assertThat(Files.readAllLines(g.national()).getFirst()).isNotEqualTo("id,nom,nom_usage,prenom,sexe,date_naissance,code_postal");
        LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.FELLEGI_SUNTER, dir.resolve("b.csv"), LinkageProgress.NONE);
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).isEqualTo(Files.readAllLines(dir.resolve("a.csv")));
    }

    @Test
    void aRepeatedIdOnEitherSideStopsTheRunNamingBothLinesAndNoOutputIsWritten() throws IOException {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 5_000, 200, 13, dir);
        List<String> national = new ArrayList<>(Files.readAllLines(g.national()));
        String repeated = national.get(4000).replaceFirst("^N\\d+,", "N17,");
        national.set(4000, repeated);
        Files.write(g.national(), national);
        Path out = dir.resolve("l.csv");
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.FELLEGI_SUNTER, out, LinkageProgress.NONE))
                .isInstanceOf(LinkageException.class)
                .hasMessage("national.csv line 4001: repeats the id of line 19 (column id must be unique)");
        assertThatThrownBy(() -> LinkageJob.run(LinkageConfigs.read(g.config()), Strategy.TIERS, out, LinkageProgress.NONE))
                .hasMessageContaining("line 4001");
        assertThat(out).doesNotExist();
    }

    /** Found by the fuzzer (importers' LinkageConfigFuzzTest): the whole key was repeated in the message. */
    @Test
    void aLongUnknownKeyIsNamedByItsFirstFortyCharactersOnly() throws IOException {
        String key = "mod" + "+".repeat(5_000) + "e";
        Path config = Files.writeString(dir.resolve("link.json"), "{\"left\": {\"path\": \"a.csv\", \"id\": \"id\"},"
                + " \"fields\": [{\"name\": \"nom\", \"type\": \"name\"}], \"blocking\": [[\"nom\"]],"
                + " \"decision\": {\"" + key + "\": \"cluster\"}}");
        assertThatThrownBy(() -> LinkageConfigs.read(config))
                .hasMessageContaining("unknown key 'mod" + "+".repeat(37) + "... (5004 characters)'")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    /** A parser's message quotes the token it stopped at: only its start is repeated. */
    @Test
    void aLongBadTokenIsQuotedByItsStartOnly() throws IOException {
        Path config = Files.writeString(dir.resolve("link.json"), "{\"left\": " + "x".repeat(3_000) + "}");
        assertThatThrownBy(() -> LinkageConfigs.read(config))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("x".repeat(41)).hasSizeLessThan(400));
    }

    /** Found by the fuzzer: an object among a field's levels escaped as Jackson's own exception. */
    @Test
    void anObjectWhereALevelIsExpectedIsAClearLinkageError() throws IOException {
        Path config = Files.writeString(dir.resolve("link.yaml"), """
                left: {path: a.csv, id: id}
                fields:
                  - {name: d, type: date, format: yyyy-MM-dd, levels: [exact, "within-": s:31]}
                blocking:
                  - [d]
                """);
        assertThatThrownBy(() -> LinkageConfigs.read(config)).isInstanceOf(LinkageException.class)
                .hasMessage("configuration link.yaml: a value is a list or an object where a text or a number is expected");
    }
}

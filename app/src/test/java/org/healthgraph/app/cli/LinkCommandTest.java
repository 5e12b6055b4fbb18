package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code healthgraph generate linkage} and {@code healthgraph link}, without a database. */
class LinkCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generatesABenchmarkThenLinksAndEvaluatesIt(@TempDir Path dir) {
        CliRun gen = run("generate", "linkage", "--situation", "quasi-identifiers", "--national", "5000", "--cohort", "100",
                "--out", dir.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        // the command it suggests, run as printed: its output goes beside the generated files
        String suggested = gen.out().substring(gen.out().indexOf("link them with: healthgraph ") + "link them with: healthgraph ".length()).strip();
        assertThat(suggested).isEqualTo("link --config " + dir.resolve("linkage.yaml") + " --out " + dir.resolve("links.csv")
                + " --evaluate " + dir.resolve("truth.csv"));
        List<String> args = new ArrayList<>(List.of(suggested.split(" ")));
        args.add("--show-model");
        CliRun link = run(args.toArray(String[]::new));
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).contains("candidate pairs scored", "precision", "recall", "F1", "date_entree");
        assertThat(dir.resolve("links.csv")).exists();
        CliRun tiers = run("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("tiers.csv").toString(),
                "--strategy", "tiers", "--evaluate", dir.resolve("truth.csv").toString());
        assertThat(tiers.exit()).as(tiers.err()).isZero();
        assertThat(tiers.out()).contains("SNDS tiered", "F1");
    }

    @Test
    void reportsABadConfigurationInOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), "left: {path: l.csv, id: id}\nfields: [{name: x, type: fuzzy}]\nblocking: [[x]]\n");
        CliRun run = run("link", "--config", dir.resolve("c.yaml").toString(), "--out", dir.resolve("o.csv").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("field x has type 'fuzzy'").doesNotContain("\tat ");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }
}

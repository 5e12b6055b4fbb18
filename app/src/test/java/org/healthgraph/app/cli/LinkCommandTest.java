package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code healthgraph generate linkage} and {@code healthgraph link}, without a database. */
class LinkCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = HealthgraphCli.run(args);
            return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void generatesABenchmarkThenLinksAndEvaluatesIt(@TempDir Path dir) {
        Run gen = run("generate", "linkage", "--situation", "quasi-identifiers", "--national", "5000", "--cohort", "100",
                "--out", dir.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Run link = run("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("links.csv").toString(),
                "--evaluate", dir.resolve("truth.csv").toString(), "--show-model");
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).contains("candidate pairs scored", "precision", "recall", "F1", "date_entree");
        assertThat(dir.resolve("links.csv")).exists();
        Run tiers = run("link", "--config", dir.resolve("linkage.yaml").toString(), "--out", dir.resolve("tiers.csv").toString(),
                "--strategy", "tiers", "--evaluate", dir.resolve("truth.csv").toString());
        assertThat(tiers.exit()).as(tiers.err()).isZero();
        assertThat(tiers.out()).contains("SNDS tiered", "F1");
    }

    @Test
    void reportsABadConfigurationInOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), "left: {path: l.csv, id: id}\nfields: [{name: x, type: fuzzy}]\nblocking: [[x]]\n");
        Run run = run("link", "--config", dir.resolve("c.yaml").toString(), "--out", dir.resolve("o.csv").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("field x has type 'fuzzy'").doesNotContain("\tat ");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }
}

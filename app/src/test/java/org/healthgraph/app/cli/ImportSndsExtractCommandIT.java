package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code import snds-extract}: a first bulk load, a refused second one, then the transactional path. */
class ImportSndsExtractCommandIT {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HealthgraphCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void bulkLoadsAFirstExtractThenRefusesASecondBulkLoadAndImportsItByTransactions(@TempDir Path dir) {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(5).generate(150, extract);
        String data = dir.resolve("data").toString();
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            Run bulk = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "bulk");
            assertThat(bulk.code()).as(bulk.err()).isZero();
            assertThat(bulk.out()).contains("bulk loaded 150 patients");

            Run again = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "BULK");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("holds patients already").contains("--load transactional");

            Run auto = run("import", "snds-extract", extract.toString(), "--data-dir", data);
            assertThat(auto.code()).as(auto.err()).isZero();
            assertThat(auto.out()).contains("imported 150 patients");

            Run wrong = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "fast");
            assertThat(wrong.code()).isEqualTo(2);
            assertThat(wrong.err()).contains("--load must be auto, bulk or transactional");
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
    }
}

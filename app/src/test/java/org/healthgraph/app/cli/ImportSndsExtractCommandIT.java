package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import snds-extract}: a first bulk load, a refused second one, then the transactional path. */
class ImportSndsExtractCommandIT {

    private static CliRun run(String... args) {
        return InProcessCli.run(args);
    }

    @Test
    void bulkLoadsAFirstExtractThenRefusesASecondBulkLoadAndImportsItByTransactions(@TempDir Path dir) {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(5).generate(150, extract);
        String data = dir.resolve("data").toString();
        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        try {
            CliRun bulk = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "bulk");
            assertThat(bulk.exit()).as(bulk.err()).isZero();
            assertThat(bulk.out()).contains("bulk loaded 150 patients");

            CliRun again = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "BULK");
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("holds patients already").contains("--load transactional");

            CliRun auto = run("import", "snds-extract", extract.toString(), "--data-dir", data);
            assertThat(auto.exit()).as(auto.err()).isZero();
            assertThat(auto.out()).contains("imported 150 patients");

            CliRun wrong = run("import", "snds-extract", extract.toString(), "--data-dir", data, "--load", "fast");
            assertThat(wrong.exit()).isEqualTo(2);
            assertThat(wrong.err()).contains("--load must be auto, bulk or transactional");
        } finally {
            System.clearProperty("spring.graphql.schema.locations");
        }
    }
}

package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on the Gremlin backend ({@code healthgraph.graph.backend=gremlin}): an embedded
 * TinkerGraph kept in the data folder between commands, the bulk load refused naming the setting, and
 * a Gremlin Server that is not there reported naming the hosts setting.
 */
class GremlinBackendIT {

    private static final String GREMLIN = "healthgraph.graph.backend=gremlin";

    private static CliRun run(String... args) {
        return InProcessCli.run(args);
    }

    @Test
    void oneCommandReadsWhatAnotherWroteIntoTheEmbeddedTinkerGraph(@TempDir Path dir) {
        Path data = dir.resolve("data");
        Path tree = DemoDictionary.extractTo(dir.resolve("dictionary"));

        System.setProperty("spring.graphql.schema.locations", "classpath*:graphql/**/");
        CliRun imported = run("import", "table-schema", tree.toString(), "--data-dir", data.toString(), "--no-progress",
                "--setting", GREMLIN);
        CliRun reindexed = run("reindex", "--data-dir", data.toString(), "--setting", GREMLIN);
        CliRun found = run("search", "date de décès", "--data-dir", data.toString(), "--setting", GREMLIN);
        System.clearProperty("spring.graphql.schema.locations");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Files read: 10, imported: 10");
        assertThat(data.resolve("tinkergraph").resolve("graph.json")).exists();
        assertThat(data.resolve("neo4j")).doesNotExist();
        assertThat(reindexed.exit()).as(reindexed.err()).isZero();
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.out()).contains("PAT_DCD_DTE");
    }

    @Test
    void theBulkLoadIsRefusedNamingTheBackendSetting(@TempDir Path dir) throws Exception {
        Path extract = Files.createDirectories(dir.resolve("extract"));
        new SndsExtractGenerator(7).generate(20, extract);

        CliRun bulk = run("import", "snds-extract", extract.toString(), "--load", "bulk", "--data-dir",
                dir.resolve("data").toString(), "--setting", GREMLIN);

        assertThat(bulk.exit()).isEqualTo(1);
        assertThat(bulk.err()).contains("healthgraph.graph.backend=gremlin").contains("--load transactional");
    }

    @Test
    void aGremlinServerThatIsNotThereIsReportedNamingTheHostsSetting(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRun reindexed = run("reindex", "--data-dir", dir.resolve("data").toString(), "--setting", GREMLIN,
                "--setting", "healthgraph.gremlin.hosts=127.0.0.1", "--setting", "healthgraph.gremlin.port=" + port);

        assertThat(reindexed.exit()).isEqualTo(3);
        assertThat(reindexed.err()).contains("healthgraph.gremlin.hosts").contains("127.0.0.1:" + port);
    }
}

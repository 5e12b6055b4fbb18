package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.graph.GraphStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command-line job's context honours the command's options over the defaults. */
class JobContextIT {

    @Test
    void theDataDirOptionWinsOverApplicationProperties(@TempDir Path dir) {
        GraphOptions options = new GraphOptions();
        options.dataDir = dir;

        try (JobContext context = JobContext.open(options, Map.of())) {
            assertThat(context.bean(HealthgraphProperties.class).dataDir()).isEqualTo(dir);
            assertThat(context.bean(GraphStore.class).describe()).endsWith(" embedded").startsWith("Neo4j ");
        }
        assertThat(dir.resolve("neo4j")).isDirectory();
    }
}

package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, run against the embedded Neo4j through the Java driver over Bolt. */
class Neo4jGraphStoreIT extends GraphStoreContract {

    @Override
    protected GraphStore store() {
        return SharedNeo4j.store();
    }

    @Override
    protected String unique(String prefix) {
        return SharedNeo4j.uniqueKey(prefix);
    }

    @Test
    void theEmbeddedDatabaseIsReachedOverBoltOnLoopback() {
        assertThat(store().describe()).startsWith("bolt://127.0.0.1:");
    }

    @Test
    void anUnreachableServerIsReportedNamingTheUriSetting() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        URI nowhere = URI.create("bolt://127.0.0.1:" + freePort);

        assertThatThrownBy(() -> GraphStores.open(GraphSettings.external(nowhere, "neo4j", "secret")))
                .isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("healthgraph.neo4j.uri")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anUnsupportedUriSchemeIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> GraphSettings.external(URI.create("http://localhost:7474"), "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("healthgraph.neo4j.uri");
    }

    @Test
    void aDataFolderInUseByAnotherDatabaseIsReportedNamingTheSetting(@TempDir Path dir) {
        try (GraphStore first = GraphStores.open(GraphSettings.embedded(dir))) {
            assertThat(first.count(GraphNames.TABLE)).isZero();
            assertThatThrownBy(() -> GraphStores.open(GraphSettings.embedded(dir)))
                    .isInstanceOf(GraphUnavailableException.class)
                    .hasMessageContaining("healthgraph.data-dir");
        }
    }

    @Test
    void anUnwritableDataFolderIsReportedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        java.nio.file.Files.writeString(file, "not a folder");

        assertThatThrownBy(() -> GraphStores.open(GraphSettings.embedded(file)))
                .isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("healthgraph.data-dir");
    }
}

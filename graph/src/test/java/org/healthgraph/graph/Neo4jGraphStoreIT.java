package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.neo4j.Neo4jGraph;
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

    private Neo4jGraph neo4j() {
        return Neo4jGraph.require(store(), "the Cypher tests");
    }

    @Test
    void aDuplicateKeyWrittenByCypherIsReportedAsAConstraintViolationNamingTheLabel() {
        String a = unique("T_DUP");
        store().upsertNodes(GraphNames.TABLE, List.of(Map.of("name", a)));

        assertThatThrownBy(() -> neo4j().writeCypher(w -> w.run("CREATE (:Table {name: $n})", Map.of("n", a))))
                .isInstanceOf(ConstraintViolationException.class)
                .hasMessageContaining("Table")
                .hasMessageContaining("name")
                .hasMessageNotContaining(a);
    }

    @Test
    void cypherReadsReturnPlainJavaValues() {
        String a = unique("A");
        store().upsertNodes(GraphNames.TABLE, List.of(Map.of("name", a, "title", "titre")));

        List<Map<String, Object>> rows = neo4j().read("MATCH (t:Table {name: $n}) RETURN t, t.title AS title, [1, 2] AS xs",
                Map.of("n", a));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("t")).isInstanceOf(Map.class);
            assertThat(r.get("title")).isEqualTo("titre");
            assertThat(r.get("xs")).isEqualTo(List.of(1L, 2L));
        });
    }

    @Test
    void theEmbeddedDatabaseOffersCypherAndTheBulkLoad() {
        assertThat(store().backend()).isEqualTo(GraphBackend.NEO4J);
        assertThat(store().capabilities()).contains(GraphCapability.CYPHER, GraphCapability.BULK_LOAD,
                GraphCapability.ATOMIC_WRITES);
    }

    @Test
    void askingForGremlinOnNeo4jNamesTheBackendSetting() {
        assertThatThrownBy(() -> GremlinGraph.require(store(), "the Gremlin journey store"))
                .isInstanceOf(GraphUnsupportedException.class)
                .hasMessageContaining("healthgraph.graph.backend=gremlin")
                .hasMessageContaining("the Gremlin journey store");
    }

    @Test
    void theEmbeddedDatabaseSaysWhatItIsWithoutItsAddress() {
        assertThat(store().describe()).matches("Neo4j \\d{4}\\.\\d+\\.\\d+ embedded");
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

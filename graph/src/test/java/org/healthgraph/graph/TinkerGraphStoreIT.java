package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.graph.testing.SharedTinkerGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, run against the embedded TinkerGraph ({@code TinkerTransactionGraph}) in this JVM. */
class TinkerGraphStoreIT extends GraphStoreContract {

    @Override
    protected GraphStore store() {
        return SharedTinkerGraph.store();
    }

    @Override
    protected String unique(String prefix) {
        return SharedNeo4j.uniqueKey(prefix);
    }

    @Test
    void theEmbeddedTinkerGraphHasTransactionsButNeitherCypherNorTheBulkLoad() {
        assertThat(store().backend()).isEqualTo(GraphBackend.GREMLIN);
        assertThat(store().capabilities()).containsExactly(GraphCapability.ATOMIC_WRITES);
        assertThatThrownBy(() -> Neo4jGraph.require(store(), "the Cypher cross-check"))
                .isInstanceOf(GraphUnsupportedException.class)
                .hasMessageContaining("the Cypher cross-check needs the Neo4j backend (healthgraph.graph.backend=neo4j)")
                .extracting(e -> ((HealthgraphException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void adaptersReadAndWriteThroughTraversalsInOneTransaction() {
        GremlinGraph gremlin = GremlinGraph.require(store(), "this test");
        String a = unique("T_G");

        gremlin.writeTraversal(w -> {
            w.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", a)));
            w.g().V().has("Table", "name", a).property("keys", GremlinValues.encode(List.of("K1"))).iterate();
            return null;
        });

        Map<String, Object> read = gremlin.read(g -> GremlinValues.properties(g.V().has("Table", "name", a).elementMap().next()));
        assertThat(read).containsEntry("keys", List.of("K1"));
        long withEdges = gremlin.read(g -> g.V().has("Table", "name", a).where(__.outE()).count().next());
        assertThat(withEdges).isZero();
    }

    @Test
    void aPersistentGraphIsSavedAtCloseAndReadBackAtOpen(@TempDir Path dir) {
        GraphSettings settings = GraphSettings.gremlin(GremlinSettings.embeddedPersistent(), dir);
        try (GraphStore first = GraphStores.open(settings)) {
            first.ensureSchema(GraphNames.LABELS, List.of());
            first.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", "A", "keys", List.of("x")), Map.of("name", "B")));
            first.upsertRelationships(GraphNames.JOINS, List.of(new RelationshipRow("A", "B", Map.of("from", List.of("x")))));
        }
        assertThat(dir.resolve("tinkergraph").resolve("graph.json")).exists();
        assertThat(dir.resolve("tinkergraph").resolve("graph.json.tmp")).doesNotExist();

        try (GraphStore second = GraphStores.open(settings)) {
            assertThat(second.count(GraphNames.TABLE)).isEqualTo(2);
            assertThat(second.find(NodeRef.of(GraphNames.TABLE, "A")).orElseThrow().properties())
                    .containsEntry("keys", List.of("x"));
            assertThat(second.shortestPaths(NodeRef.of(GraphNames.TABLE, "B"), NodeRef.of(GraphNames.TABLE, "A"),
                    java.util.Set.of(GraphNames.JOINS), 2).getFirst().hops().getFirst().properties())
                    .containsEntry("from", List.of("x"));
        }
    }

    @Test
    void anUnreadableGraphFileIsReportedNamingTheDataFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tinkergraph"));
        Files.writeString(dir.resolve("tinkergraph").resolve("graph.json"), "not a graph");

        assertThatThrownBy(() -> GraphStores.open(GraphSettings.gremlin(GremlinSettings.embeddedPersistent(), dir)))
                .isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("healthgraph.data-dir");
    }
}

package org.healthgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.testing.SharedGremlinServer;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.testing.gremlinserver.GremlinServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract, run against a real Gremlin Server (TinkerTransactionGraph) in its own JVM through
 * gremlin-driver; and what happens when that server is not there, or goes away during a load.
 */
class GremlinServerStoreIT extends GraphStoreContract {

    @Override
    protected GraphStore store() {
        return SharedGremlinServer.store();
    }

    @Override
    protected String unique(String prefix) {
        return SharedNeo4j.uniqueKey(prefix);
    }

    @Test
    void theServerIsReachedThroughTheDriverAndItsTransactionsAreUsed() {
        assertThat(store().backend()).isEqualTo(GraphBackend.GREMLIN);
        assertThat(store().describe()).startsWith("Gremlin Server").doesNotContain("ws://").doesNotContain("127.0.0.1");
        assertThat(store().capabilities()).containsExactly(GraphCapability.ATOMIC_WRITES);
    }

    @Test
    void aServerThatIsDownAtStartIsReportedNamingTheHostsSetting() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        GraphSettings nowhere = GraphSettings.gremlin(GremlinSettings.remote(List.of("127.0.0.1"), freePort), Path.of("unused"));

        assertThatThrownBy(() -> GraphStores.open(nowhere))
                .isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("healthgraph.gremlin.hosts")
                .hasMessageContaining("127.0.0.1:" + freePort);
    }

    @Test
    void aServerRestartedDuringALoadLeavesNothingHalfWrittenAndTheSameStoreWorksOnceItIsBack(@TempDir Path dir)
            throws Exception {
        try (GremlinServerProcess server = GremlinServerProcess.start(Optional.of(dir.resolve("graph.json")));
             GraphStore store = GraphStores.open(SharedGremlinServer.settings(server))) {
            store.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", "COMMITTED")));
            CountDownLatch firstChunkWritten = new CountDownLatch(1);
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> GremlinGraph.require(store, "this test")
                    .writeTraversal(w -> {
                        for (int chunk = 0; chunk < 10_000; chunk++) {
                            List<Map<String, Object>> rows = new ArrayList<>();
                            for (int i = 0; i < 100; i++) {
                                rows.add(Map.of("name", "HALF_" + chunk + "_" + i));
                            }
                            w.upsertNodes(GraphNames.TABLE, rows);
                            firstChunkWritten.countDown();
                        }
                        return null;
                    }));
            assertThat(firstChunkWritten.await(60, TimeUnit.SECONDS)).isTrue();

            server.stop();

            assertThatThrownBy(() -> load.get(120, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(GraphUnavailableException.class)
                    .hasMessageContaining("healthgraph.gremlin.hosts")
                    .extracting(e -> ((HealthgraphException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE);

            server.restart();

            assertThat(store.findAll(GraphNames.TABLE, List.of("COMMITTED", "HALF_0_0"))).extracting(n -> n.ref().key())
                    .containsExactly("COMMITTED");
            assertThat(store.count(GraphNames.TABLE)).isEqualTo(1);
            store.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", "AFTER")));
            assertThat(store.count(GraphNames.TABLE)).isEqualTo(2);
        }
    }

    @Test
    void aServerKilledDuringALoadIsReportedAndTheSameStoreWorksWhenItRestarts() throws Exception {
        try (GremlinServerProcess server = GremlinServerProcess.start();
             GraphStore store = GraphStores.open(SharedGremlinServer.settings(server))) {
            CountDownLatch firstChunkWritten = new CountDownLatch(1);
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> GremlinGraph.require(store, "this test")
                    .writeTraversal(w -> {
                        for (int chunk = 0; chunk < 10_000; chunk++) {
                            w.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", "K_" + chunk)));
                            firstChunkWritten.countDown();
                        }
                        return null;
                    }));
            assertThat(firstChunkWritten.await(60, TimeUnit.SECONDS)).isTrue();

            server.kill();

            assertThatThrownBy(() -> load.get(120, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(GraphUnavailableException.class)
                    .hasMessageContaining("healthgraph.gremlin.hosts");
            assertThatThrownBy(() -> store.count(GraphNames.TABLE)).isInstanceOf(GraphUnavailableException.class);

            server.restart();

            store.upsertNodes(GraphNames.TABLE, List.of(Map.of("name", "AFTER")));
            assertThat(store.findAll(GraphNames.TABLE, List.of("AFTER"))).hasSize(1);
        }
    }
}

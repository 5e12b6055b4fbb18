package org.healthgraph.graph.testing;

import java.nio.file.Path;
import java.util.List;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.GremlinSettings;
import org.healthgraph.testing.gremlinserver.GremlinServerProcess;

/**
 * One real Gremlin Server per test JVM (Apache TinkerPop 3.8.1 with a {@code TinkerTransactionGraph},
 * in a JVM of its own: its ANTLR 4.9 cannot live beside Neo4j's 4.13 in this one), and one store
 * connected to it through gremlin-driver like the application's. It starts on first use (a few
 * seconds) and stops when the test JVM exits. Tests share it, so each works in its own data: use
 * {@link SharedNeo4j#uniqueKey(String)} for keys.
 *
 * <p>A module that uses it declares, besides graph's test-jar, a test dependency on
 * {@code healthgraph-testing-gremlin-server} with every transitive dependency excluded (see
 * graph/pom.xml).
 */
public final class SharedGremlinServer {

    private static GremlinServerProcess server;
    private static GraphStore store;

    private SharedGremlinServer() {
    }

    /** The shared server, started on first use. */
    public static synchronized GremlinServerProcess server() {
        if (server == null) {
            server = GremlinServerProcess.start();
            GremlinServerProcess started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::kill, "shared-gremlin-server-stop"));
        }
        return server;
    }

    /** Settings that reach {@code running} (a server of the test's own, or the shared one). */
    public static GraphSettings settings(GremlinServerProcess running) {
        return GraphSettings.gremlin(GremlinSettings.remote(List.of(running.host()), running.port()), Path.of("unused"));
    }

    /** A store on the shared server, its schema set up for {@link GraphNames#LABELS}. */
    public static synchronized GraphStore store() {
        if (store == null) {
            store = GraphStores.open(settings(server()));
            store.ensureSchema(GraphNames.LABELS, List.of());
            GraphStore opened = store;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "shared-gremlin-store-close"));
        }
        return store;
    }
}

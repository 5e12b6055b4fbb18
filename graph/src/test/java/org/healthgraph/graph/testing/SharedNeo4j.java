package org.healthgraph.graph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;

/**
 * One embedded Neo4j per test JVM, reached through the driver over Bolt like any server. It starts
 * on first use (about 10 s on two cores) and stops when the JVM exits. Tests share it, so each works
 * in its own data: use {@link #uniqueKey(String)} for keys.
 */
public final class SharedNeo4j {

    private static GraphStore store;

    private SharedNeo4j() {
    }

    public static synchronized GraphStore store() {
        if (store == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("healthgraph-it-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = GraphStores.open(GraphSettings.embedded(dir));
            store.ensureSchema(GraphNames.LABELS, List.of());
            GraphStore opened = store;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                opened.close();
                deleteQuietly(dir);
            }, "shared-neo4j-shutdown"));
        }
        return store;
    }

    /** A key no other test uses: {@code prefix} followed by a random suffix. */
    public static String uniqueKey(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temp folder
        }
    }
}

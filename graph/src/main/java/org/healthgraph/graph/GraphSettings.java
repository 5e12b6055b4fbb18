package org.healthgraph.graph;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the graph lives. The backend ({@code healthgraph.graph.backend}) is Neo4j or a Gremlin graph.
 * For Neo4j, with no {@code uri} an embedded Neo4j is started in-process on {@code dataDir}, its Bolt
 * connector on 127.0.0.1 and a free port; with a {@code bolt://}, {@code bolt+s://}, {@code neo4j://}
 * or {@code neo4j+s://} URI the same code talks to that server. For Gremlin, {@link #gremlin()} says
 * where (an embedded TinkerGraph, or Gremlin Servers).
 *
 * @param backend the database kind ({@code healthgraph.graph.backend})
 * @param uri external server, or empty for the embedded database ({@code healthgraph.neo4j.uri})
 * @param username user for the external server ({@code healthgraph.neo4j.username})
 * @param password password for the external server ({@code healthgraph.neo4j.password}); never logged
 * @param database database name, or empty for the server's default ({@code healthgraph.neo4j.database})
 * @param dataDir folder of the embedded database ({@code healthgraph.data-dir})
 * @param boltPort Bolt port of the embedded database, 0 for a free one ({@code healthgraph.neo4j.embedded.bolt-port})
 * @param batchSize rows per write transaction in batched upserts
 * @param gremlin the Gremlin graph, used when {@code backend} is {@link GraphBackend#GREMLIN}
 */
public record GraphSettings(GraphBackend backend, Optional<URI> uri, String username, String password,
                            Optional<String> database, Path dataDir, int boltPort, int batchSize,
                            GremlinSettings gremlin) {

    public static final int DEFAULT_BATCH_SIZE = 5_000;

    public GraphSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(gremlin, "gremlin");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        uri.ifPresent(GraphSettings::requireSupportedScheme);
        if (boltPort < 0 || boltPort > 65_535) {
            throw new IllegalArgumentException(
                    "healthgraph.neo4j.embedded.bolt-port must be between 0 (a free port) and 65535, got " + boltPort);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be between 1 and 100000, got " + batchSize);
        }
    }

    /** Neo4j settings (the backend before there was a choice). */
    public GraphSettings(Optional<URI> uri, String username, String password, Optional<String> database, Path dataDir,
                         int boltPort, int batchSize) {
        this(GraphBackend.NEO4J, uri, username, password, database, dataDir, boltPort, batchSize,
                GremlinSettings.embeddedPersistent());
    }

    /** Settings for an embedded database in {@code dataDir} on a free port. */
    public static GraphSettings embedded(Path dataDir) {
        return new GraphSettings(Optional.empty(), "", "", Optional.empty(), dataDir, 0, DEFAULT_BATCH_SIZE);
    }

    /** Settings for an external server. */
    public static GraphSettings external(URI uri, String username, String password) {
        return new GraphSettings(Optional.of(uri), username, password, Optional.empty(), Path.of("data"), 0,
                DEFAULT_BATCH_SIZE);
    }

    /** Settings for a Gremlin graph (embedded TinkerGraph under {@code dataDir}, or Gremlin Servers). */
    public static GraphSettings gremlin(GremlinSettings gremlin, Path dataDir) {
        return new GraphSettings(GraphBackend.GREMLIN, Optional.empty(), "", "", Optional.empty(), dataDir, 0,
                DEFAULT_BATCH_SIZE, gremlin);
    }

    /** Whether the graph runs in this process (embedded Neo4j or embedded TinkerGraph). */
    public boolean isEmbedded() {
        return backend == GraphBackend.NEO4J ? uri.isEmpty() : gremlin.isEmbedded();
    }

    /** Whether a first load may use Neo4j's batch importer ({@link GraphBulkLoad}): the embedded Neo4j only. */
    public boolean supportsBulkLoad() {
        return backend == GraphBackend.NEO4J && uri.isEmpty();
    }

    private static void requireSupportedScheme(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !scheme.matches("bolt|bolt\\+s|bolt\\+ssc|neo4j|neo4j\\+s|neo4j\\+ssc")) {
            throw new IllegalArgumentException("healthgraph.neo4j.uri '" + uri
                    + "' must use bolt://, bolt+s://, neo4j:// or neo4j+s:// (leave it empty for the embedded database)");
        }
    }

    @Override
    public String toString() {
        return "GraphSettings[backend=" + backend.settingValue() + ", uri=" + uri + ", username=" + username
                + ", password=(not shown), database=" + database + ", dataDir=" + dataDir + ", boltPort=" + boltPort
                + ", batchSize=" + batchSize + ", gremlin=" + gremlin + "]";
    }
}

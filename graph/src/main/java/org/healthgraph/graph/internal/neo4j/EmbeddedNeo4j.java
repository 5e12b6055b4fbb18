package org.healthgraph.graph.internal.neo4j;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.healthgraph.graph.GraphUnavailableException;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Neo4j database running in this JVM, its Bolt connector listening on 127.0.0.1 only. Closing it
 * shuts the database down cleanly.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService service;
    private final URI boltUri;

    private EmbeddedNeo4j(DatabaseManagementService service, URI boltUri) {
        this.service = service;
        this.boltUri = boltUri;
    }

    /** Starts the database in {@code dataDir} with Bolt on loopback and {@code port} (0: a free one). */
    public static EmbeddedNeo4j start(Path dataDir, int port) {
        Path home = prepare(dataDir);
        long started = System.nanoTime();
        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Loopback only, in-process: the application is the one client.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // The application closes its driver before the database: nothing is left for Bolt
                    // to drain, and the default waits (Netty's quiet period and timeout, the connection
                    // and worker pools) made every stop take 10 to 12 s (2.3 s with these).
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (RuntimeException e) {
            throw explain(e, dataDir, port);
        }
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            var address = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            URI uri = URI.create("bolt://127.0.0.1:" + address.getPort());
            LOG.info("Embedded Neo4j started in {} ms, data in {}, Bolt on {}", (System.nanoTime() - started) / 1_000_000,
                    home, uri);
            return new EmbeddedNeo4j(service, uri);
        } catch (RuntimeException e) {
            service.shutdown();
            throw new GraphUnavailableException("The embedded Neo4j started but its Bolt port could not be read", e);
        }
    }

    private static Path prepare(Path dataDir) {
        Path home = dataDir.toAbsolutePath().normalize().resolve("neo4j");
        try {
            Files.createDirectories(home);
        } catch (AccessDeniedException e) {
            throw new GraphUnavailableException("Cannot create the data folder " + home
                    + ": permission denied. Set healthgraph.data-dir (or HEALTHGRAPH_DATA_DIR) to a writable folder.", e);
        } catch (IOException e) {
            throw new GraphUnavailableException("Cannot create the data folder " + home + " (" + e.getClass().getSimpleName()
                    + "). Set healthgraph.data-dir (or HEALTHGRAPH_DATA_DIR) to a writable folder.", e);
        }
        if (!Files.isWritable(home)) {
            throw new GraphUnavailableException("The data folder " + home
                    + " is not writable. Set healthgraph.data-dir (or HEALTHGRAPH_DATA_DIR) to a writable folder.", null);
        }
        return home;
    }

    private static GraphUnavailableException explain(RuntimeException e, Path dataDir, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.endsWith("FileLockException") || message.contains("lock")) {
                return new GraphUnavailableException("The data folder " + dataDir.toAbsolutePath()
                        + " is locked by another healthgraph or Neo4j process. Stop it, or set healthgraph.data-dir"
                        + " (or HEALTHGRAPH_DATA_DIR) to another folder.", e);
            }
            if (t instanceof java.net.BindException || message.contains("Address already in use")) {
                return new GraphUnavailableException("The embedded Neo4j Bolt port " + port
                        + " is in use. Set healthgraph.neo4j.embedded.bolt-port to another port, or to 0 for a free one.", e);
            }
            if (t instanceof AccessDeniedException) {
                return new GraphUnavailableException("The data folder " + dataDir.toAbsolutePath()
                        + " is not writable. Set healthgraph.data-dir (or HEALTHGRAPH_DATA_DIR) to a writable folder.", e);
            }
        }
        return new GraphUnavailableException("The embedded Neo4j could not start in " + dataDir.toAbsolutePath()
                + " (" + e.getClass().getSimpleName() + "). See " + dataDir.toAbsolutePath().resolve("neo4j/logs")
                + " or set healthgraph.data-dir to a fresh folder.", e);
    }

    public URI boltUri() {
        return boltUri;
    }

    @Override
    public void close() {
        service.shutdown();
        LOG.info("Embedded Neo4j stopped");
    }
}

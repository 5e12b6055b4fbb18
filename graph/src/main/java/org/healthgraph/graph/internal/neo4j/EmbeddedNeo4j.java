package org.healthgraph.graph.internal.neo4j;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphUnavailableException;
import org.healthgraph.graph.HealthgraphException;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Neo4j database running in this JVM, its Bolt connector listening on 127.0.0.1 only and asking
 * for a password: the user {@code neo4j} with the random password of the data folder
 * ({@link BoltPassword}, in {@code <data-dir>/neo4j/.bolt-password}, owner-only). The application
 * reaches it through the driver over Bolt like a Neo4j server ({@link #connect}); any other process
 * of the machine that finds the port is refused without the password. Closing it shuts the database
 * down cleanly.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** The user the application logs in as (Neo4j's initial administrator). */
    static final String USER = "neo4j";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService service;
    private final URI boltUri;
    private final BoltPassword password;
    private final Path passwordFile;

    private EmbeddedNeo4j(DatabaseManagementService service, URI boltUri, BoltPassword password, Path passwordFile) {
        this.service = service;
        this.boltUri = boltUri;
        this.password = password;
        this.passwordFile = passwordFile;
    }

    /** The least age of a query plan before Neo4j re-plans it for statistics that have moved. */
    static final Duration REPLAN_INTERVAL = Duration.ofMinutes(1);

    /**
     * Starts the database in {@code dataDir} with Bolt on loopback and {@code port} (0: a free one),
     * authentication on. At the first start of a data folder a random password is made, set before
     * the Bolt port opens, and saved owner-only beside the store; later starts reuse it.
     */
    public static EmbeddedNeo4j start(Path dataDir, int port) {
        Path home = prepare(dataDir);
        // A bulk load killed half-way leaves a journal: finish or undo it before Neo4j opens the store.
        try {
            new Neo4jBulkLoader(dataDir, LOG::warn).recover();
        } catch (HealthgraphException e) {
            throw e;
        } catch (RuntimeException e) {
            // Neo4j's own failures (a store locked by another process) explained as at any start.
            throw explain(e, dataDir, port);
        }
        BoltPassword password = passwordOf(home, dataDir, port);
        long started = System.nanoTime();
        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Loopback only, but other local processes could connect: the password keeps them out.
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // No lock-out after failed logins: with 192 random bits there is nothing to guess, and
                    // a lock-out would let any local process shut the application out with wrong passwords.
                    .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                    // The application closes its driver before the database: nothing is left for Bolt
                    // to drain, and the default waits (Netty's quiet period and timeout, the connection
                    // and worker pools) made every stop take 10 to 12 s (2.3 s with these).
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    // A plan is reconsidered once the statistics it was made on have diverged and it is
                    // older than this (10 s by default): during an import, which grows every label from
                    // nothing, that re-planned every write statement every 10 s, a quarter of the
                    // database's work while a documentation import writes. A minute bounds how long a
                    // plan made on an emptier graph is kept.
                    .setConfig(GraphDatabaseSettings.cypher_min_replan_interval, REPLAN_INTERVAL)
                    .build();
        } catch (RuntimeException e) {
            throw explain(e, dataDir, port);
        }
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            var address = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            URI uri = URI.create("bolt://127.0.0.1:" + address.getPort());
            LOG.info("Embedded Neo4j started in {} ms, data in {}, Bolt on {} (password required)",
                    (System.nanoTime() - started) / 1_000_000, home, uri);
            forgetInitialUser(home);
            return new EmbeddedNeo4j(service, uri, password, home.resolve(BoltPassword.FILE));
        } catch (RuntimeException e) {
            service.shutdown();
            throw new GraphUnavailableException("The embedded Neo4j started but its Bolt port could not be read", e);
        }
    }

    /**
     * The data folder's password, made when there is none. It is in Neo4j before the Bolt port
     * opens: in a new data folder as the initial user's credentials (Neo4j's own
     * {@code set-initial-password} file, read when the system database is created); in an existing
     * one (made by a version without authentication, or by the bulk load) by a start without Bolt.
     */
    private static BoltPassword passwordOf(Path home, Path dataDir, int port) {
        Optional<BoltPassword> kept = BoltPassword.read(home);
        if (kept.isPresent()) {
            return kept.get();
        }
        BoltPassword made = BoltPassword.random();
        if (Files.isDirectory(systemDatabase(home))) {
            setOffline(home, made, dataDir, port);
        } else {
            writeInitialUser(home, made);
        }
        made.save(home);
        LOG.info("Made a password for the embedded Neo4j, kept owner-only in {}", home.resolve(BoltPassword.FILE));
        return made;
    }

    private static Config config(Path home) {
        return Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    }

    private static Path systemDatabase(Path home) {
        return Neo4jLayout.of(config(home)).databaseLayout(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).databaseDirectory();
    }

    private static void writeInitialUser(Path home, BoltPassword password) {
        Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config(home));
        try (var fs = new DefaultFileSystemAbstraction()) {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            var users = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            try {
                var credential = SystemGraphCredential.createCredentialForPassword(
                        password.value().getBytes(StandardCharsets.UTF_8), new SecureHasher());
                users.create(new User(USER, null, credential, false, false));
            } finally {
                users.shutdown();
            }
            BoltPassword.restrict(file);
        } catch (Exception e) {
            throw new GraphUnavailableException("Cannot prepare the password of the embedded Neo4j in " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Neo4j keeps the initial user file after use; it holds only a salted hash, but has no further use. */
    private static void forgetInitialUser(Path home) {
        try {
            Files.deleteIfExists(CommunitySecurityModule.getInitialUserRepositoryFile(config(home)));
        } catch (IOException e) {
            LOG.debug("Could not delete the initial user file of the embedded Neo4j in {}", home, e);
        }
    }

    private static void setOffline(Path home, BoltPassword password, Path dataDir, int port) {
        DatabaseManagementService offline;
        try {
            offline = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .build();
        } catch (RuntimeException e) {
            throw explain(e, dataDir, port);
        }
        try {
            offline.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password.value()));
        } catch (RuntimeException e) {
            throw new GraphUnavailableException("Cannot set the password of the embedded Neo4j in " + home + " ("
                    + e.getClass().getSimpleName() + "). Set healthgraph.data-dir to a fresh folder.", e);
        } finally {
            offline.shutdown();
        }
    }

    /**
     * Connects the driver over Bolt with the data folder's password. {@code database}: the database
     * name, or empty for the default one. The store closes this database when it is closed.
     */
    public Neo4jGraphStore connect(Optional<String> database, int batchSize) {
        try {
            return Neo4jGraphStore.connect(boltUri, USER, password.value(), database, batchSize, this, true);
        } catch (GraphUnavailableException e) {
            if (e.getCause() instanceof AuthenticationException) {
                throw new GraphUnavailableException("The embedded Neo4j refused the password kept in " + passwordFile
                        + ". If that file was replaced, delete it: the next start sets a new password.", e);
            }
            throw e;
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

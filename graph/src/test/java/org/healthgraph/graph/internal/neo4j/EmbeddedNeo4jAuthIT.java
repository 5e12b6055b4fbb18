package org.healthgraph.graph.internal.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.SecurityException;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * The embedded Neo4j's Bolt port asks for the data folder's password: a raw driver on the machine
 * without it, with Neo4j's default one or a wrong one is refused, while the application gets in. The
 * password file is owner-only, reused at the next start, and its content appears in no log.
 */
class EmbeddedNeo4jAuthIT {

    @Test
    void aDriverWithoutThePasswordOrWithAWrongOneIsRefusedWhileTheApplicationGetsIn(@TempDir Path dir) throws Exception {
        EmbeddedNeo4j embedded = EmbeddedNeo4j.start(dir, 0);
        try (GraphStore store = embedded.connect(Optional.empty(), 100)) {
            URI bolt = embedded.boltUri();
            assertThat(bolt.getHost()).isEqualTo("127.0.0.1");

            assertRefused(bolt, AuthTokens.none());
            assertRefused(bolt, AuthTokens.basic("neo4j", "neo4j"));
            assertRefused(bolt, AuthTokens.basic("neo4j", "wrong-password"));
            assertRefused(bolt, AuthTokens.basic("neo4j", ""));
            assertRefused(bolt, AuthTokens.basic("admin", "admin"));

            assertThat(store.count(GraphNames.PATIENT)).isZero();
            // The password in the file is the one that opens the door (so the file is worth protecting).
            try (Driver driver = driver(bolt, AuthTokens.basic("neo4j", passwordIn(dir)))) {
                driver.verifyConnectivity();
            }
            // Failed logins lock nobody out: a new connection of the application still gets in.
            try (Driver driver = driver(bolt, AuthTokens.basic("neo4j", passwordIn(dir)))) {
                driver.verifyConnectivity();
            }
        }
    }

    @Test
    void thePasswordIsMadeOnceOwnerOnlyReusedAtTheNextStartAndNeverLogged(@TempDir Path dir) throws Exception {
        String firstPassword;
        String log;
        try (CapturedOutput output = CapturedOutput.begin()) {
            try (GraphStore store = GraphStores.open(GraphSettings.embedded(dir))) {
                assertThat(store.count(GraphNames.PATIENT)).isZero();
            }
            firstPassword = passwordIn(dir);
            try (GraphStore store = GraphStores.open(GraphSettings.embedded(dir))) {
                assertThat(store.count(GraphNames.PATIENT)).isZero();
            }
            log = output.text();
        }
        Path file = dir.resolve("neo4j").resolve(BoltPassword.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(firstPassword).matches("[A-Za-z0-9_-]{32}"); // 24 random bytes: 192 bits
        assertThat(passwordIn(dir)).as("the password of the first start is reused").isEqualTo(firstPassword);
        assertThat(log).as("what the two starts logged").contains("Embedded Neo4j started").doesNotContain(firstPassword);
        assertThat(neo4jLogs(dir)).as("Neo4j's own log files").isNotEmpty()
                .allSatisfy(text -> assertThat(text).doesNotContain(firstPassword));
        assertThat(dir.resolve("neo4j/data/dbms/auth.ini")).as("the initial user file, once used").doesNotExist();
    }

    @Test
    void aDataFolderMadeWithoutAuthenticationGetsAPasswordBeforeBoltOpens(@TempDir Path dir) throws Exception {
        // A data folder from a version that ran the database without authentication (or made by the
        // bulk load, which starts it without Bolt): its system database has Neo4j's default user.
        DatabaseManagementService old = new DatabaseManagementServiceBuilder(dir.resolve("neo4j"))
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .build();
        old.shutdown();
        assertThat(dir.resolve("neo4j").resolve(BoltPassword.FILE)).doesNotExist();

        EmbeddedNeo4j embedded = EmbeddedNeo4j.start(dir, 0);
        try (GraphStore store = embedded.connect(Optional.empty(), 100)) {
            assertRefused(embedded.boltUri(), AuthTokens.none());
            assertRefused(embedded.boltUri(), AuthTokens.basic("neo4j", "neo4j"));
            assertThat(store.count(GraphNames.PATIENT)).isZero();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("neo4j").resolve(BoltPassword.FILE)))).isEqualTo("rw-------");
    }

    @Test
    void aReplacedPasswordFileIsReportedNamingTheFileNotItsContent(@TempDir Path dir) throws Exception {
        GraphStores.open(GraphSettings.embedded(dir)).close();
        Path file = dir.resolve("neo4j").resolve(BoltPassword.FILE);
        Files.writeString(file, "ReplacedByHandButWellFormed_0123456789");

        assertThatThrownBy(() -> GraphStores.open(GraphSettings.embedded(dir)))
                .hasMessageContaining("refused the password kept in " + file)
                .hasMessageContaining("delete it")
                .hasMessageNotContaining("ReplacedByHand");
        Files.delete(file);
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(dir))) {
            assertThat(store.count(GraphNames.PATIENT)).isZero();
        }
    }

    private static void assertRefused(URI bolt, AuthToken token) {
        try (Driver driver = driver(bolt, token)) {
            assertThatThrownBy(driver::verifyConnectivity).as("a driver with %s", token.getClass().getSimpleName())
                    .isInstanceOfAny(AuthenticationException.class, SecurityException.class);
        }
    }

    private static Driver driver(URI bolt, AuthToken token) {
        return GraphDatabase.driver(bolt, token, Config.builder().withMaxConnectionPoolSize(1).build());
    }

    private static String passwordIn(Path dir) throws IOException {
        return Files.readString(dir.resolve("neo4j").resolve(BoltPassword.FILE), StandardCharsets.US_ASCII).strip();
    }

    private static List<String> neo4jLogs(Path dir) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("neo4j/logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    /** Every log event at every level (this module's tests otherwise log warnings only), and the console. */
    private static final class CapturedOutput extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final StringBuilder events = new StringBuilder();
        private final ByteArrayOutputStream console = new ByteArrayOutputStream();
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Logger ours = (Logger) LoggerFactory.getLogger("org.healthgraph");
        private final Level rootLevel = root.getLevel();
        private final Level ourLevel = ours.getLevel();

        static CapturedOutput begin() {
            CapturedOutput capture = new CapturedOutput();
            capture.setContext(capture.root.getLoggerContext());
            capture.start();
            capture.root.addAppender(capture);
            capture.root.setLevel(Level.TRACE);
            capture.ours.setLevel(Level.TRACE);
            PrintStream both = new PrintStream(capture.console, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            return capture;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            events.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                events.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }

        synchronized String text() {
            return events + console.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            root.detachAppender(this);
            root.setLevel(rootLevel);
            ours.setLevel(ourLevel);
            stop();
        }
    }
}

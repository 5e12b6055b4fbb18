package org.healthgraph.testing.gremlinserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache TinkerPop Gremlin Server (3.8.1, one {@code TinkerTransactionGraph} bound to the
 * traversal source {@code g}, GraphBinary over WebSocket) running in its own JVM on 127.0.0.1 and a
 * free port. Traversals sent as bytecode need no script engine, so only {@code gremlin-lang} is
 * configured: no Groovy (whose 4.0 line cannot read this JDK's class files). The one thing that needs
 * Groovy is gremlin-driver's own check that a failed host is back (a {@code ''} script in the server's
 * default language); healthgraph's remote adapter does not rely on it, it opens a new connection. The server's classpath is the one this module's build wrote beside this class, so the
 * test JVM needs nothing from TinkerPop's server side (nor its ANTLR) to start it; this class uses the
 * JDK alone.
 *
 * <p>With a graph file, the server loads the graph from it at start and writes it back when it
 * stops gracefully ({@link #stop()}), as TinkerGraph does; {@link #kill()} stops it without saving.
 * The process is destroyed when the test JVM exits.
 */
public final class GremlinServerProcess implements AutoCloseable {

    /** Longest wait for a server to accept connections; a healthy one needs a few seconds. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String HOST = "127.0.0.1";
    /** Named, not referenced: loading it here would need Gremlin Server's classes in the test JVM. */
    private static final String GRAPH_MANAGER = "org.healthgraph.testing.gremlinserver.BindTraversalSources";

    private final Path folder;
    private final Optional<Path> graphFile;
    private final int port;
    private Process process;

    private GremlinServerProcess(Path folder, Optional<Path> graphFile, int port) {
        this.folder = folder;
        this.graphFile = graphFile;
        this.port = port;
    }

    /** Starts a server with an in-memory graph on a free port, and waits until it accepts connections. */
    public static GremlinServerProcess start() {
        return start(Optional.empty());
    }

    /**
     * Starts a server whose graph is loaded from {@code graphFile} (when it exists) and saved there
     * on a graceful stop, on a free port, and waits until it accepts connections.
     */
    public static GremlinServerProcess start(Optional<Path> graphFile) {
        try {
            Path folder = Files.createTempDirectory("healthgraph-gremlin-server-");
            GremlinServerProcess server = new GremlinServerProcess(folder, graphFile, freePort());
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The server's log file (its standard output and error). */
    public Path log() {
        return folder.resolve("server.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM: the server closes its graphs, saving a graph file) and waits. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            await(process);
            process = null;
        }
    }

    /** Kills the server at once (SIGKILL: nothing is saved) and waits until it is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await(process);
            process = null;
        }
    }

    /** Starts the server again after {@link #stop()} or {@link #kill()}, on the same port and graph file. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("the Gremlin Server on port " + port + " is running already");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private synchronized void launch() throws IOException {
        Path yaml = writeConfiguration();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.configurationFile=" + folder.resolve("logback.xml").toUri());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(serverClasspath());
        command.add("org.apache.tinkerpop.gremlin.server.GremlinServer");
        command.add(yaml.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Process started = builder.start();
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "gremlin-server-" + port + "-stop"));
        awaitReady(started);
    }

    private Path writeConfiguration() throws IOException {
        Path properties = folder.resolve("graph.properties");
        StringBuilder graph = new StringBuilder()
                .append("gremlin.graph=org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerTransactionGraph\n")
                .append("gremlin.tinkergraph.vertexIdManager=LONG\ngremlin.tinkergraph.edgeIdManager=LONG\n");
        graphFile.ifPresent(file -> graph
                .append("gremlin.tinkergraph.graphLocation=").append(file.toAbsolutePath().toString().replace("\\", "/"))
                // GraphSON: Gryo cannot write a TinkerTransactionGraph (3.8.1: no serializer for its AtomicLong)
                .append("\ngremlin.tinkergraph.graphFormat=graphson\n"));
        Files.writeString(properties, graph.toString(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                  <logger name="org.apache.tinkerpop.gremlin.server.GremlinServer" level="INFO"/>
                </configuration>
                """, StandardCharsets.UTF_8);
        Path yaml = folder.resolve("gremlin-server.yaml");
        Files.writeString(yaml, """
                host: %s
                port: %d
                evaluationTimeout: 120000
                graphManager: %s
                graphs: { graph: '%s' }
                scriptEngines: { gremlin-lang: {} }
                serializers:
                  - { className: org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1 }
                strictTransactionManagement: false
                maxContentLength: 67108864
                """.formatted(HOST, port, GRAPH_MANAGER,
                properties.toAbsolutePath().toString().replace("\\", "/")), StandardCharsets.UTF_8);
        return yaml;
    }

    /** The server's runtime classpath, written by this module's build, plus this module's own classes. */
    private static String serverClasspath() throws IOException {
        String written;
        try (InputStream in = GremlinServerProcess.class.getResourceAsStream("server.classpath")) {
            if (in == null) {
                throw new IllegalStateException("server.classpath is missing beside " + GremlinServerProcess.class.getName()
                        + ": build the healthgraph-testing-gremlin-server module (maven-dependency-plugin build-classpath)");
            }
            written = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            Path own = Path.of(GremlinServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own + java.io.File.pathSeparator + written;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + GRAPH_MANAGER, e);
        }
    }

    private void awaitReady(Process started) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("the Gremlin Server exited with code " + started.exitValue()
                        + " before accepting connections; its log: " + log() + "\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        started.destroyForcibly();
        throw new IllegalStateException("the Gremlin Server did not accept connections on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s; its log: " + log() + "\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void await(Process p) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Gremlin Server", e);
        }
    }
}

package org.healthgraph.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.healthgraph.app.HealthgraphApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the HTTP server: GraphQL at /graphql, health at /actuator/health, the web interface at /. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (GraphQL at /graphql, its explorer at /graphiql, web interface at /) on 127.0.0.1.")
public class ServeCommand implements Callable<Integer> {

    /** Returned when the server started: the process keeps running until it is stopped. */
    public static final int SERVING = -1;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (server.port, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:SERVER_PORT:-8080}")
    int port;

    /** Kept so that older scripts still run: the bundled GraphQL explorer is always at /graphiql. */
    @Option(names = "--graphiql", hidden = true,
            description = "No effect: the GraphQL explorer (GraphiQL, bundled) is always served at /graphiql.")
    boolean graphiql;

    @Override
    public Integer call() {
        Map<String, Object> props = new LinkedHashMap<>(graph.properties());
        props.putAll(extraProperties());
        start(props);
        return SERVING;
    }

    /** Properties this variant adds (the demo adds its own). */
    Map<String, Object> extraProperties() {
        return Map.of();
    }

    void start(Map<String, Object> props) {
        requireFreePort(port);
        Map<String, Object> all = new LinkedHashMap<>(props);
        all.put("server.port", port);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(HealthgraphApplication.class).run(GraphOptions.asArguments(all));
        } catch (RuntimeException e) {
            // Spring Boot has already printed its start-up failure report naming the setting; a
            // classified failure or a setting that does not bind keeps its own one-line message.
            if (CliErrors.classify(e).kind() != org.healthgraph.graph.ErrorKind.INTERNAL) {
                throw e;
            }
            throw new CliException("the server did not start (see the report above)", e);
        }
        context.registerShutdownHook();
    }

    static void requireFreePort(int port) {
        if (port < 0 || port > 65_535) {
            throw new CliException("--port must be between 0 and 65535, got " + port);
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new CliException("port " + port + " on 127.0.0.1 is in use: pass --port N, or set SERVER_PORT", e);
        }
    }
}

package org.healthgraph.graph;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a Gremlin graph lives ({@code healthgraph.graph.backend=gremlin}). With no {@code hosts}
 * an embedded TinkerGraph (the transactional {@code TinkerTransactionGraph}) runs in this JVM; with
 * hosts, the same code talks to a Gremlin Server (JanusGraph, Amazon Neptune, TinkerGraph...) through
 * gremlin-driver, GraphBinary over WebSocket.
 *
 * @param hosts Gremlin Server hosts, or empty for the embedded TinkerGraph ({@code healthgraph.gremlin.hosts})
 * @param port the servers' port ({@code healthgraph.gremlin.port})
 * @param traversalSource the traversal source the server binds ({@code healthgraph.gremlin.traversal-source})
 * @param username user for a server that authenticates; empty for none ({@code healthgraph.gremlin.username})
 * @param password its password, never logged ({@code healthgraph.gremlin.password})
 * @param tls whether to connect with TLS ({@code healthgraph.gremlin.tls})
 * @param persist embedded TinkerGraph only: load the graph from {@code <data-dir>/tinkergraph/graph.json}
 *                at open and save it there at close ({@code healthgraph.gremlin.embedded.persist})
 */
public record GremlinSettings(List<String> hosts, int port, String traversalSource, String username, String password,
                              boolean tls, boolean persist) {

    public static final int DEFAULT_PORT = 8182;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public GremlinSettings {
        hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
        for (String host : hosts) {
            if (host == null || !HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("healthgraph.gremlin.hosts: '" + host + "' is not a host name or address"
                        + " (give names like gremlin.example.org or 10.0.0.5, without ws:// and without port)");
            }
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("healthgraph.gremlin.port must be between 1 and 65535, got " + port);
        }
        if (traversalSource == null || !SOURCE.matcher(traversalSource).matches()) {
            throw new IllegalArgumentException("healthgraph.gremlin.traversal-source must be an identifier such as g, got '"
                    + traversalSource + "'");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** An embedded TinkerGraph held in memory only: gone when the store closes (tests). */
    public static GremlinSettings inMemory() {
        return new GremlinSettings(List.of(), DEFAULT_PORT, "g", "", "", false, false);
    }

    /** An embedded TinkerGraph saved under the data folder at close and loaded at open. */
    public static GremlinSettings embeddedPersistent() {
        return new GremlinSettings(List.of(), DEFAULT_PORT, "g", "", "", false, true);
    }

    /** A Gremlin Server without authentication or TLS, traversal source {@code g}. */
    public static GremlinSettings remote(List<String> hosts, int port) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("healthgraph.gremlin.hosts must name at least one server");
        }
        return new GremlinSettings(hosts, port, "g", "", "", false, false);
    }

    public boolean isEmbedded() {
        return hosts.isEmpty();
    }

    @Override
    public String toString() {
        return "GremlinSettings[hosts=" + hosts + ", port=" + port + ", traversalSource=" + traversalSource + ", username="
                + username + ", password=(not shown), tls=" + tls + ", persist=" + persist + "]";
    }
}

package org.healthgraph.graph.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.exception.ConnectionException;
import org.apache.tinkerpop.gremlin.driver.exception.NoHostAvailableException;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Transaction;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.GraphUnavailableException;
import org.healthgraph.graph.GremlinSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gremlin Servers reached through gremlin-driver (GraphBinary over WebSocket), traversals sent as
 * bytecode: nothing is parsed from a string on either side of this JVM.
 *
 * <p>Transactions: when the server's graph supports them (checked once at connect: JanusGraph,
 * TinkerTransactionGraph, Neptune), a write runs in a remote transaction on a session of its own,
 * committed or rolled back as a whole. When it does not (a plain TinkerGraph, some hosted services),
 * each traversal of a write is applied on its own: a failure can leave part of a write behind, and
 * the store says so ({@code ATOMIC_WRITES} absent, one warning at start).
 *
 * <p>After a failure that says a server cannot be reached, the next operation opens a new
 * connection rather than waiting for the driver's own reconnection (which checks a host with a
 * Groovy script that a server without Groovy cannot run): a restarted server is used again
 * without restarting this process.
 */
final class RemoteGremlin implements GremlinConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteGremlin.class);
    private static final int MAX_CONTENT_LENGTH = 64 * 1024 * 1024;

    private final GremlinSettings settings;
    private final String where;
    private final boolean transactional;
    private volatile Connected current;
    private volatile boolean stale;

    private record Connected(Cluster cluster, DriverRemoteConnection connection, GraphTraversalSource g) {

        void closeQuietly() {
            try {
                connection.close();
            } catch (Exception ignored) {
                // the server may be gone: nothing to release on its side
            }
            cluster.closeAsync();
        }
    }

    private RemoteGremlin(GremlinSettings settings, String where, Connected connected, boolean transactional) {
        this.settings = settings;
        this.where = where;
        this.current = connected;
        this.transactional = transactional;
    }

    /** Connects and checks that the server answers and whether its graph has transactions. */
    static RemoteGremlin connect(GremlinSettings settings) {
        String where = (settings.tls() ? "wss://" : "ws://") + String.join(",", settings.hosts()) + ":" + settings.port()
                + "/gremlin (traversal source " + settings.traversalSource() + ")";
        Connected connected = open(settings);
        try {
            connected.g().inject(1).iterate();
        } catch (RuntimeException e) {
            connected.closeQuietly();
            throw unreachable(where, e, "connecting");
        }
        boolean transactional;
        try {
            transactional = supportsTransactions(connected.g());
        } catch (RuntimeException e) {
            connected.closeQuietly();
            throw unreachable(where, e, "checking for transactions");
        }
        if (!transactional) {
            LOG.warn("The Gremlin graph at {} has no transactions: each traversal of a write is applied on its own, and a"
                    + " failed import can leave part of its changes (docs/scale-out.md)", where);
        }
        return new RemoteGremlin(settings, where, connected, transactional);
    }

    private static Connected open(GremlinSettings settings) {
        Cluster.Builder builder = Cluster.build()
                .addContactPoints(settings.hosts().toArray(String[]::new))
                .port(settings.port())
                .enableSsl(settings.tls())
                .serializer(Serializers.GRAPHBINARY_V1)
                .maxContentLength(MAX_CONTENT_LENGTH)
                .maxWaitForConnection(10_000)
                .connectionSetupTimeoutMillis(10_000);
        if (!settings.username().isEmpty()) {
            builder.credentials(settings.username(), settings.password());
        }
        Cluster cluster = builder.create();
        try {
            DriverRemoteConnection connection = DriverRemoteConnection.using(cluster, settings.traversalSource());
            return new Connected(cluster, connection, traversal().with(connection));
        } catch (RuntimeException e) {
            cluster.closeAsync();
            throw e;
        }
    }

    /** Commits an empty remote transaction: a graph without transactions refuses the commit. */
    private static boolean supportsTransactions(GraphTraversalSource g) {
        Transaction tx = g.tx();
        GraphTraversalSource gtx = tx.begin();
        try {
            gtx.inject(1).iterate();
            tx.commit();
            return true;
        } catch (RuntimeException e) {
            if (mentions(e, "does not support transactions")) {
                return false;
            }
            throw e;
        }
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private Connected connected() {
        if (stale) {
            synchronized (this) {
                if (stale) {
                    Connected old = current;
                    current = open(settings);
                    stale = false;
                    old.closeQuietly();
                    LOG.info("Reconnecting to the Gremlin Server at {}", where);
                }
            }
        }
        return current;
    }

    @Override
    public GraphTraversalSource g() {
        return connected().g();
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    @Override
    public <T> T inTransaction(Function<GraphTraversalSource, T> work) {
        GraphTraversalSource g = g();
        if (!transactional) {
            return work.apply(g);
        }
        Transaction tx = g.tx();
        GraphTraversalSource gtx = tx.begin();
        T result;
        try {
            result = work.apply(gtx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException ignored) {
                // a server that went away rolls back the session's transaction itself
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    @Override
    public void afterRead() {
        // sessionless requests: each one is its own transaction on the server
    }

    @Override
    public void indexVertexProperties(Collection<String> properties) {
        // Indexes of a remote graph are its operator's (JanusGraph's management API, Neptune's own):
        // docs/scale-out.md lists the ones healthgraph expects.
    }

    @Override
    public boolean isTransient(Throwable failure) {
        if (isUnreachable(failure)) {
            stale = true;
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r) {
                if (r.getResponseStatusCode() == ResponseStatusCode.SERVER_ERROR_TEMPORARY) {
                    return true;
                }
                Optional<List<String>> hierarchy = r.getRemoteExceptionHierarchy();
                if (hierarchy.isPresent() && hierarchy.get().stream().anyMatch(c -> c.endsWith("TransactionException")
                        || c.endsWith("TemporaryBackendException") || c.endsWith("PermanentLockingException"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code failure} says that no server could be reached (rather than that one refused a traversal). */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoHostAvailableException || t instanceof ConnectionException || t instanceof IOException
                    || t instanceof TimeoutException) {
                return true;
            }
            // A server that is shutting down refuses new work from its stopped executor: it is going away,
            // exactly like one that no longer answers.
            if (isShuttingDown(t)) {
                return true;
            }
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && (t.getMessage().contains("no longer active") || t.getMessage().contains("No available host")
                    || t.getMessage().contains("session is already closed"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShuttingDown(Throwable t) {
        return t instanceof RejectedExecutionException || t instanceof ResponseException r
                && r.getRemoteExceptionHierarchy().map(h -> h.stream()
                        .anyMatch(c -> c.endsWith("RejectedExecutionException"))).orElse(false);
    }

    @Override
    public GraphStoreException translate(Throwable failure, String doing) {
        if (isUnreachable(failure)) {
            stale = true;
            return unreachable(where, failure, doing);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r) {
                if (r.getResponseStatusCode() == ResponseStatusCode.UNAUTHORIZED
                        || r.getResponseStatusCode() == ResponseStatusCode.FORBIDDEN) {
                    return new GraphUnavailableException("the Gremlin Server at " + where + " refused the credentials while "
                            + doing + ". Check healthgraph.gremlin.username and healthgraph.gremlin.password.", failure);
                }
                return new GraphStoreException("the Gremlin Server at " + where + " failed a traversal while " + doing + " ("
                        + r.getResponseStatusCode() + r.getRemoteExceptionHierarchy().map(h -> h.isEmpty() ? "" : ", "
                        + h.getFirst()).orElse("") + ")", failure);
            }
        }
        return new GraphStoreException("a traversal failed on the Gremlin Server at " + where + " while " + doing + " ("
                + failure.getClass().getSimpleName() + ")", failure);
    }

    private static GraphUnavailableException unreachable(String where, Throwable failure, String doing) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r && (r.getResponseStatusCode() == ResponseStatusCode.UNAUTHORIZED
                    || r.getResponseStatusCode() == ResponseStatusCode.FORBIDDEN)) {
                return new GraphUnavailableException("the Gremlin Server at " + where + " refused the credentials. Check"
                        + " healthgraph.gremlin.username and healthgraph.gremlin.password.", failure);
            }
            if (isShuttingDown(t)) {
                return new GraphUnavailableException("the Gremlin Server at " + where + " is shutting down and refused the"
                        + " work while " + doing + ". Retry once it is back; check that it is running, and"
                        + " healthgraph.gremlin.hosts and healthgraph.gremlin.port.", failure);
            }
            if (t instanceof ResponseException r) {
                return new GraphUnavailableException("the Gremlin Server at " + where + " answered with an error while " + doing
                        + " (" + r.getResponseStatusCode() + "). Check healthgraph.gremlin.traversal-source and the server's"
                        + " state.", failure);
            }
        }
        return new GraphUnavailableException("the Gremlin Server at " + where + " cannot be reached (while " + doing
                + "). Check that it is running, and healthgraph.gremlin.hosts, healthgraph.gremlin.port and"
                + " healthgraph.gremlin.tls.", failure);
    }

    @Override
    public String describe() {
        // Not where: the host and port are internal addresses, and anonymous callers are shown this.
        return "Gremlin Server" + (transactional ? ", transactional" : "");
    }

    @Override
    public void close() {
        current.closeQuietly();
    }
}

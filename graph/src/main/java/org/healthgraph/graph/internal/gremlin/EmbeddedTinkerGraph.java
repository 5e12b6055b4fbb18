package org.healthgraph.graph.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.tinkerpop.gremlin.process.traversal.IO;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Transaction;
import org.apache.tinkerpop.gremlin.structure.util.TransactionException;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.AbstractTinkerGraph;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerTransactionGraph;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.GraphUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code TinkerTransactionGraph} in this JVM: thread-bound transactions, read-committed, optimistic
 * locking (a conflict is a {@link TransactionException}, retried), and no index (see
 * {@link #indexVertexProperties}). With a file, the graph is read
 * from it at open and written back at close (GraphSON, to a temporary file first and then renamed, so an
 * interrupted save leaves the previous file whole); changes since the last close are lost if the
 * process dies, which is why this mode is for tests and small demos.
 */
final class EmbeddedTinkerGraph implements GremlinConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTinkerGraph.class);

    private final TinkerTransactionGraph graph;
    private final GraphTraversalSource g;
    private final Optional<Path> file;

    private EmbeddedTinkerGraph(TinkerTransactionGraph graph, Optional<Path> file) {
        this.graph = graph;
        this.g = traversal().with(graph);
        this.file = file;
    }

    /** An empty graph held in memory, or the graph saved in {@code file} (empty when the file does not exist yet). */
    static EmbeddedTinkerGraph open(Optional<Path> file) {
        BaseConfiguration config = new BaseConfiguration();
        config.setProperty(AbstractTinkerGraph.GREMLIN_TINKERGRAPH_VERTEX_ID_MANAGER, "LONG");
        config.setProperty(AbstractTinkerGraph.GREMLIN_TINKERGRAPH_EDGE_ID_MANAGER, "LONG");
        EmbeddedTinkerGraph opened = new EmbeddedTinkerGraph(TinkerTransactionGraph.open(config), file);
        file.ifPresent(opened::load);
        return opened;
    }

    private void load(Path from) {
        try {
            Files.createDirectories(from.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new GraphUnavailableException("cannot create the folder of the TinkerGraph file " + from
                    + ": check healthgraph.data-dir", e);
        }
        if (!Files.exists(from)) {
            return;
        }
        try {
            g.io(from.toString()).with(IO.reader, IO.graphson).read().iterate();
            graph.tx().commit();
            LOG.info("TinkerGraph loaded from {}", from);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw new GraphUnavailableException("cannot read the TinkerGraph file " + from + " (" + e.getClass().getSimpleName()
                    + "): move it away to start an empty graph, or check healthgraph.data-dir", e);
        }
    }

    @Override
    public GraphTraversalSource g() {
        return g;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public <T> T inTransaction(Function<GraphTraversalSource, T> work) {
        Transaction tx = graph.tx();
        if (tx.isOpen()) {
            tx.rollback();
        }
        tx.open();
        try {
            T result = work.apply(g);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        }
    }

    @Override
    public void afterRead() {
        rollbackQuietly();
    }

    private void rollbackQuietly() {
        try {
            if (graph.tx().isOpen()) {
                graph.tx().rollback();
            }
        } catch (RuntimeException ignored) {
            // nothing was written by this thread, or it is being discarded anyway
        }
    }

    /**
     * No index, on purpose. TinkerTransactionGraph 3.8.1's indexes lose a vertex once any of its
     * properties changes in a transaction (look-ups by an indexed property stop finding it, before and
     * after the commit), and its rollback fails with a NullPointerException when a vertex index exists
     * without an edge index. Look-ups therefore scan the vertices, many keys per scan: fine for the
     * tests and small demos this graph is for.
     */
    @Override
    public void indexVertexProperties(Collection<String> properties) {
        // see above
    }

    @Override
    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public GraphStoreException translate(Throwable failure, String doing) {
        return new GraphStoreException("the embedded TinkerGraph failed while " + doing + " (" + failure.getClass().getSimpleName()
                + ")", failure);
    }

    @Override
    public String describe() {
        return "TinkerGraph embedded" + (file.isPresent() ? ", saved in the data folder" : ", in memory");
    }

    @Override
    public void close() {
        try {
            file.ifPresent(this::save);
        } finally {
            try {
                graph.close();
            } catch (Exception e) {
                LOG.warn("the embedded TinkerGraph did not close cleanly ({})", e.getClass().getSimpleName());
            }
        }
    }

    private void save(Path to) {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            g.io(tmp.toString()).with(IO.writer, IO.graphson).write().iterate();
            rollbackQuietly();
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("TinkerGraph saved to {}", to);
        } catch (IOException | RuntimeException e) {
            throw new GraphStoreException("cannot save the TinkerGraph to " + to + " (" + e.getClass().getSimpleName()
                    + "); the previous file is unchanged: check healthgraph.data-dir", e);
        }
    }
}

package org.healthgraph.graph;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

import org.healthgraph.graph.internal.neo4j.Neo4jBulkLoader;

/**
 * A first load of many nodes into the embedded database, built offline by Neo4j's batch importer
 * (the machinery of {@code neo4j-admin database import}) rather than by transactions: tens of
 * times faster for millions of nodes. The importer only builds new stores, so the load copies
 * the graph's current nodes and relationships (with their properties) into a new store beside the
 * old one, adds the source's, re-creates the old store's constraints and indexes plus the given
 * ones, and only then swaps the new store in. Every step is first recorded in a journal in the data
 * folder ({@code neo4j-bulk.journal}, forced to disk, replaced by an atomic rename): a load that
 * fails or is killed at any point is finished or undone by the next command that opens the data
 * folder ({@link #recoverInterrupted}, called by {@link GraphStores#open} for the embedded database
 * and by the load itself). The database must not be open (no {@link GraphStore} on {@code dataDir}).
 */
public final class GraphBulkLoad {

    private GraphBulkLoad() {
    }

    /**
     * Whether this JVM can run the batch importer: it needs the option
     * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (the healthgraph launcher sets it).
     */
    public static boolean isAvailable() {
        return Neo4jBulkLoader.isAvailable();
    }

    /**
     * Finishes or undoes a bulk load of {@code dataDir} that was interrupted (a crash, a
     * {@code kill -9}): before the new store was swapped in, the old store is kept; during the swap,
     * the previous store is put back; once the new store is in place, its missing constraints and
     * indexes are created. Leftover folders are deleted. The database must not be open.
     *
     * @param progress receives one line saying what was done
     * @return what was done, or empty when no load had been interrupted
     */
    public static Optional<String> recoverInterrupted(Path dataDir, Consumer<String> progress) {
        return new Neo4jBulkLoader(dataDir, progress).recover();
    }

    /**
     * What the load did.
     *
     * @param copiedNodes existing nodes carried into the new store
     * @param copiedRelationships existing relationships carried over
     * @param readMillis time to read the existing graph
     * @param importMillis time of the batch import (new store written)
     * @param schemaMillis time to re-create constraints and indexes and wait until they are online
     */
    public record Report(long copiedNodes, long copiedRelationships, long readMillis, long importMillis,
                         long schemaMillis) {
    }

    /**
     * Loads {@code source} into the embedded database under {@code dataDir}, unless the graph holds
     * a node labelled {@code firstOf} already (then returns empty and changes nothing): the bulk
     * load is for a first load of that label.
     *
     * @param labels labels whose key uniqueness constraints must exist afterwards
     * @param indexes extra property indexes that must exist afterwards
     * @param progress receives one line per phase (no data values)
     */
    public static Optional<Report> loadIfAbsent(Path dataDir, Label firstOf, BulkSource source, Collection<Label> labels,
                                                Collection<PropertyIndex> indexes, Consumer<String> progress) {
        return new Neo4jBulkLoader(dataDir, progress).load(firstOf, source, labels, indexes);
    }
}

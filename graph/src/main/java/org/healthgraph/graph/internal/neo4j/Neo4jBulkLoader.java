package org.healthgraph.graph.internal.neo4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.healthgraph.graph.BulkSource;
import org.healthgraph.graph.GraphBulkLoad;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.internal.batchimport.input.Groups;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;

import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.DatabaseCreationOptions;
import org.neo4j.kernel.impl.index.schema.DefaultIndexProvidersAccess;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.LogTailMetadataFactoryImpl;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.internal.SimpleLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

/**
 * {@link GraphBulkLoad} on the embedded Neo4j: reads the current store (nodes, relationships,
 * schema) with the database started without Bolt, writes a new store beside it with the batch
 * importer (ids given by the caller: {@link IdType#ACTUAL}), swaps the database and transaction
 * folders, re-creates the schema, and restores the old folders if anything fails before the end.
 */
public final class Neo4jBulkLoader {

    /** Entities per chunk of the existing graph. */
    private static final int CHUNK = 10_000;
    private static final String DB = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
    /** The folder the batch importer writes the new store in. */
    static final String STAGING = "neo4j-bulk";
    /** The folder the old store moves to while the new one is swapped in. */
    static final String PREVIOUS = "neo4j-bulk-previous";
    /** Test-only: the point at which the bulk load halts the JVM (see {@link #testHalt}). */
    public static final String HALT_PROPERTY = "healthgraph.bulk.test-halt-at";

    private final Path dataDir;
    private final Path home;
    private final Consumer<String> progress;

    public Neo4jBulkLoader(Path dataDir, Consumer<String> progress) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.home = this.dataDir.resolve("neo4j");
        this.progress = progress;
    }

    public Optional<GraphBulkLoad.Report> load(Label firstOf, BulkSource source, Collection<Label> labels,
                                               Collection<PropertyIndex> indexes) {
        if (!isAvailable()) {
            throw new GraphStoreException("the bulk load runs Neo4j's batch importer, which needs the JVM option"
                    + " --add-opens=java.base/java.nio=ALL-UNNAMED (the healthgraph launcher sets it); nothing was changed");
        }
        recover();
        long t0 = System.nanoTime();
        DatabaseLayout target = layout(home);
        Snapshot old;
        try {
            old = Files.isDirectory(target.databaseDirectory()) ? readExisting(firstOf) : Snapshot.EMPTY;
        } catch (RuntimeException e) {
            throw new GraphStoreException("the bulk load cannot read the database in " + home + " (is another healthgraph"
                    + " or Neo4j process using it?); nothing was changed: " + e.getMessage(), e);
        }
        if (old == null) {
            return Optional.empty();
        }
        long t1 = System.nanoTime();
        progress.accept(String.format("bulk load: read the existing graph (%,d nodes, %,d relationships) in %.1f s",
                old.nodeCount(), old.relCount(), (t1 - t0) / 1e9));
        source.prepare(old);
        Path staging = dataDir.resolve(STAGING);
        Path previous = dataDir.resolve(PREVIOUS);
        deleteRecursively(staging);
        deleteRecursively(previous);
        List<String> schema = new ArrayList<>(old.schema());
        // The token lookup indexes a new database has (the importer builds none); no-ops when the old ones were replayed.
        schema.add("CREATE LOOKUP INDEX IF NOT EXISTS FOR (n) ON EACH labels(n)");
        schema.add("CREATE LOOKUP INDEX IF NOT EXISTS FOR ()-[r]-() ON EACH type(r)");
        schema.addAll(Neo4jGraphStore.schemaStatements(labels, indexes));
        // Indexes first: their creation returns at once and they populate in the background, while each
        // constraint creation waits for its own population.
        schema.sort(Comparator.comparing(statement -> statement.startsWith("CREATE CONSTRAINT")));
        BulkLoadJournal journal = new BulkLoadJournal(BulkLoadJournal.Step.BUILDING,
                Files.exists(target.databaseDirectory()), Files.exists(target.getTransactionLogsDirectory()), schema);
        journal.write(dataDir);
        DatabaseLayout built = layout(staging);
        try {
            testHalt("building");
            runImporter(built, old, source);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            BulkLoadJournal.delete(dataDir);
            throw new GraphStoreException("the bulk load failed while building the new store; the database is unchanged: "
                    + e.getMessage(), e);
        }
        long t2 = System.nanoTime();
        progress.accept(String.format("bulk load: new store written by the batch importer in %.1f s", (t2 - t1) / 1e9));
        testHalt("built");
        try {
            syncTree(staging);
            journal.at(BulkLoadJournal.Step.SWAPPING).write(dataDir);
            testHalt("swapping");
            swap(target, built, previous);
            journal.at(BulkLoadJournal.Step.SCHEMA).write(dataDir);
            testHalt("swapped");
            createSchema(schema);
        } catch (IOException | RuntimeException e) {
            restore(target, previous, journal);
            throw new GraphStoreException("the bulk load failed while swapping in the new store; the previous database"
                    + " was put back: " + e.getMessage(), e);
        }
        long t3 = System.nanoTime();
        progress.accept(String.format("bulk load: constraints and indexes built in %.1f s", (t3 - t2) / 1e9));
        journal.at(BulkLoadJournal.Step.CLEANING).write(dataDir);
        testHalt("schema-built");
        cleanUp();
        return Optional.of(new GraphBulkLoad.Report(old.nodeCount(), old.relCount(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000));
    }

    /**
     * Brings the data folder back to a consistent store when a bulk load was interrupted (a crash, a
     * {@code kill -9}): before the new store was swapped in, the old one is kept and the partial new
     * one deleted; during the swap, the previous store is put back; once the new store is in place,
     * its missing constraints and indexes are created (or, if that fails, the previous store is put
     * back); the leftover folders are deleted. Says what it did through {@code progress}.
     *
     * @return what was done, or empty when no load had been interrupted
     */
    public Optional<String> recover() {
        Optional<BulkLoadJournal> found = BulkLoadJournal.read(dataDir);
        if (found.isEmpty()) {
            // No journal: no load of this version was interrupted. A staging folder alone is a partial new store.
            Path staging = dataDir.resolve(STAGING);
            if (Files.exists(staging)) {
                deleteRecursively(staging);
                return say("deleted the partial new store " + staging + " of an interrupted bulk load; the store is unchanged");
            }
            return Optional.empty();
        }
        BulkLoadJournal journal = found.get();
        DatabaseLayout target = layout(home);
        Path previous = dataDir.resolve(PREVIOUS);
        switch (journal.step()) {
            case BUILDING -> {
                deleteRecursively(dataDir.resolve(STAGING));
                BulkLoadJournal.delete(dataDir);
                return say("an interrupted bulk load had not swapped its new store in: kept the previous store as it was"
                        + " and deleted the partial new one; re-run the import to load again");
            }
            case SWAPPING -> {
                restore(target, previous, journal);
                return say("an interrupted bulk load was swapping stores: restored the previous store and deleted the new"
                        + " one; re-run the import to load again");
            }
            case SCHEMA -> {
                try {
                    createSchema(journal.schema());
                } catch (RuntimeException e) {
                    restore(target, previous, journal);
                    return say("an interrupted bulk load was creating constraints and indexes, and they could not be"
                            + " completed (" + e.getClass().getSimpleName() + "): restored the previous store; re-run the"
                            + " import to load again");
                }
                journal.at(BulkLoadJournal.Step.CLEANING).write(dataDir);
                cleanUp();
                return say("an interrupted bulk load was creating constraints and indexes: completed it (the missing ones"
                        + " created); the new store is in place");
            }
            case CLEANING -> {
                cleanUp();
                return say("an interrupted bulk load was complete but for deleting the previous store: deleted it; the new"
                        + " store is in place");
            }
            default -> throw new IllegalStateException("unknown step " + journal.step());
        }
    }

    private Optional<String> say(String what) {
        progress.accept("bulk load recovery: " + what);
        return Optional.of(what);
    }

    /** Moves the live store's folders into {@code previous} and the new store's in, forcing each rename to disk. */
    private void swap(DatabaseLayout target, DatabaseLayout built, Path previous) throws IOException {
        List<Path[]> moves = List.of(
                new Path[] {target.databaseDirectory(), built.databaseDirectory(), previous.resolve("database")},
                new Path[] {target.getTransactionLogsDirectory(), built.getTransactionLogsDirectory(),
                        previous.resolve("transactions")});
        Files.createDirectories(previous);
        BulkLoadJournal.sync(dataDir);
        for (Path[] m : moves) {
            if (Files.exists(m[0])) {
                Files.move(m[0], m[2], StandardCopyOption.ATOMIC_MOVE);
                BulkLoadJournal.sync(previous);
                BulkLoadJournal.sync(m[0].getParent());
            }
            testHalt("swap-" + m[2].getFileName() + "-moved-out");
            Files.createDirectories(m[0].getParent());
            Files.move(m[1], m[0], StandardCopyOption.ATOMIC_MOVE);
            BulkLoadJournal.sync(m[0].getParent());
        }
    }

    /**
     * Puts the previous store back (each folder the old store had, from {@code previous}; the new
     * store's folders deleted), then deletes the leftovers and the journal.
     */
    private void restore(DatabaseLayout target, Path previous, BulkLoadJournal journal) {
        List<Path[]> folders = List.of(
                new Path[] {target.databaseDirectory(), previous.resolve("database")},
                new Path[] {target.getTransactionLogsDirectory(), previous.resolve("transactions")});
        boolean[] had = {journal.oldDatabase(), journal.oldTransactions()};
        for (int i = 0; i < folders.size(); i++) {
            Path live = folders.get(i)[0];
            Path kept = folders.get(i)[1];
            try {
                if (Files.exists(kept)) {
                    deleteRecursively(live);
                    Files.move(kept, live, StandardCopyOption.ATOMIC_MOVE);
                    BulkLoadJournal.sync(live.getParent());
                } else if (!had[i]) {
                    // The old store had no such folder: what is there now is the new store's.
                    deleteRecursively(live);
                }
                // else: the old folder was never moved out, it is still in place.
            } catch (IOException | RuntimeException e) {
                throw new GraphStoreException("the bulk load was interrupted and the previous database could not be put"
                        + " back from " + kept + ": move it to " + live + " by hand, then delete " + dataDir.resolve(
                        BulkLoadJournal.FILE), e);
            }
        }
        cleanUp();
    }

    /** Deletes the previous store and the staging folder, then the journal. */
    private void cleanUp() {
        deleteRecursively(dataDir.resolve(PREVIOUS));
        testHalt("previous-deleted");
        deleteRecursively(dataDir.resolve(STAGING));
        BulkLoadJournal.delete(dataDir);
    }

    /**
     * For the crash tests only: when the system property {@value #HALT_PROPERTY} names this point,
     * the JVM halts at once, as a {@code kill -9} would stop it (no shutdown hook, no finally).
     */
    private static void testHalt(String point) {
        if (point.equals(System.getProperty(HALT_PROPERTY))) {
            System.err.println("halting at bulk load point " + point + " (" + HALT_PROPERTY + ")");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private static void syncTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                if (Files.isRegularFile(p)) {
                    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p)) {
                    BulkLoadJournal.sync(p);
                }
            }
        }
    }

    /** Whether java.nio is open to this code, as the batch importer needs. */
    public static boolean isAvailable() {
        return Object.class.getModule().isOpen("java.nio", Neo4jBulkLoader.class.getModule());
    }

    private static DatabaseLayout layout(Path home) {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        return StorageEngineFactory.selectStorageEngine(config).databaseLayout(Neo4jLayout.of(config), DB);
    }

    private DatabaseManagementService offline() {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .build();
    }

    /** The current graph, or null when it holds a node labelled {@code firstOf}. */
    private Snapshot readExisting(Label firstOf) {
        DatabaseManagementService dbms = offline();
        try {
            GraphDatabaseService db = dbms.database(DB);
            Snapshot s = new Snapshot();
            try (Transaction tx = db.beginTx()) {
                try (var found = tx.findNodes(org.neo4j.graphdb.Label.label(firstOf.name()))) {
                    if (found.hasNext()) {
                        return null;
                    }
                }
                Map<String, Long> ids = new HashMap<>();
                try (var nodes = tx.getAllNodes().iterator()) {
                    while (nodes.hasNext()) {
                        Node n = nodes.next();
                        ids.put(n.getElementId(), (long) s.nodeLabels.size());
                        List<String> ls = new ArrayList<>();
                        n.getLabels().forEach(l -> ls.add(l.name()));
                        s.nodeLabels.add(ls.toArray(String[]::new));
                        s.nodeProps.add(n.getAllProperties());
                    }
                }
                try (var rels = tx.getAllRelationships().iterator()) {
                    while (rels.hasNext()) {
                        Relationship r = rels.next();
                        s.relFrom.add(ids.get(r.getStartNode().getElementId()));
                        s.relTo.add(ids.get(r.getEndNode().getElementId()));
                        s.relType.add(r.getType().name());
                        s.relProps.add(r.getAllProperties());
                    }
                }
                tx.commit();
            }
            s.schema.addAll(db.executeTransactionally(
                    "SHOW CONSTRAINTS YIELD createStatement RETURN createStatement", Map.of(), Neo4jBulkLoader::column));
            s.schema.addAll(db.executeTransactionally("SHOW INDEXES YIELD type, owningConstraint, createStatement"
                    + " WHERE owningConstraint IS NULL RETURN createStatement", Map.of(), Neo4jBulkLoader::column));
            s.schema.replaceAll(statement -> statement.replaceFirst("^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX|TEXT INDEX"
                    + "|POINT INDEX|RANGE INDEX|VECTOR INDEX|LOOKUP INDEX) (`[^`]*`|\\S+) (?!IF NOT EXISTS)",
                    "CREATE $1 $2 IF NOT EXISTS "));
            return s;
        } finally {
            dbms.shutdown();
        }
    }

    private static List<String> column(Result r) {
        List<String> out = new ArrayList<>();
        r.forEachRemaining(row -> out.add((String) row.get("createStatement")));
        return out;
    }

    /**
     * Creates the statements' constraints and indexes that are missing (each statement is
     * {@code IF NOT EXISTS}) and waits until they are online. Run again after a crash, it first
     * drops what holds a wanted name with another definition: above all the index a constraint's
     * creation leaves behind when it is interrupted, which would otherwise make the constraint's
     * creation fail ({@code IndexWithNameAlreadyExists}) at every later start.
     */
    private void createSchema(List<String> statements) {
        DatabaseManagementService dbms = offline();
        try {
            GraphDatabaseService db = dbms.database(DB);
            dropConflicting(db, statements);
            int constraints = 0;
            for (String statement : statements) {
                boolean constraint = statement.startsWith("CREATE CONSTRAINT");
                if (constraint && constraints == 0) {
                    testHalt("schema-indexes-created");
                }
                db.executeTransactionally(statement);
                if (constraint && ++constraints == 1) {
                    testHalt("schema-one-constraint-created");
                }
            }
            testHalt("schema-before-await");
            db.executeTransactionally("CALL db.awaitIndexes(86400)");
        } finally {
            dbms.shutdown();
        }
    }

    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "^CREATE (CONSTRAINT|(?:[A-Z]+ )?INDEX) (`[^`]*`|[^\\s`]+) IF NOT EXISTS FOR \\(n:`?([^`)]+)`?\\)"
                    + " (?:ON \\(n\\.`?([^`)]+)`?\\)|REQUIRE \\(?n\\.`?([^`)]+)`?\\)? IS UNIQUE)");

    private static void dropConflicting(GraphDatabaseService db, List<String> statements) {
        Map<String, Map<String, Object>> indexes = new HashMap<>();
        db.executeTransactionally("SHOW INDEXES YIELD name, labelsOrTypes, properties, owningConstraint", Map.of(),
                r -> { r.forEachRemaining(row -> indexes.put((String) row.get("name"), row)); return null; });
        Map<String, Map<String, Object>> constraints = new HashMap<>();
        db.executeTransactionally("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties", Map.of(),
                r -> { r.forEachRemaining(row -> constraints.put((String) row.get("name"), row)); return null; });
        for (String statement : statements) {
            var m = NAMED.matcher(statement);
            if (!m.find()) {
                continue;
            }
            String name = m.group(2).replace("`", "");
            List<String> on = List.of(m.group(3));
            List<String> props = List.of(m.group(4) != null ? m.group(4) : m.group(5));
            boolean constraint = m.group(1).equals("CONSTRAINT");
            Map<String, Object> index = indexes.get(name);
            Map<String, Object> owned = constraints.get(name);
            if (constraint && owned == null && index != null && index.get("owningConstraint") == null) {
                // An index squats the constraint's name: what an interrupted constraint creation leaves.
                db.executeTransactionally("DROP INDEX `" + name + "`");
            } else if (constraint && owned != null && !same(owned, on, props)) {
                db.executeTransactionally("DROP CONSTRAINT `" + name + "`");
            } else if (!constraint && owned != null) {
                db.executeTransactionally("DROP CONSTRAINT `" + name + "`");
            } else if (!constraint && index != null && (index.get("owningConstraint") != null || !same(index, on, props))) {
                db.executeTransactionally("DROP INDEX `" + name + "`");
            }
        }
    }

    private static boolean same(Map<String, Object> row, List<String> labels, List<String> properties) {
        return labels.equals(row.get("labelsOrTypes")) && properties.equals(row.get("properties"));
    }

    private void runImporter(DatabaseLayout layout, Snapshot old, BulkSource source) throws IOException {
        Files.createDirectories(layout.databaseDirectory());
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, layout.getNeo4jLayout().homeDirectory())
                .build();
        StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
        PageCacheTracer tracer = PageCacheTracer.NULL;
        CursorContextFactory contexts = CursorContextFactory.NULL_CONTEXT_FACTORY;
        SimpleLogService logs = new SimpleLogService(NullLogProvider.getInstance());
        PrintStream out = Boolean.getBoolean("healthgraph.bulk.verbose") ? System.err
                : new PrintStream(OutputStream.nullOutputStream());
        int oldNodeChunks = chunks(old.nodeCount());
        int oldRelChunks = chunks(old.relCount());
        InputIterable nodes = () -> new ChunkIterator(oldNodeChunks + source.nodeChunks(), (c, chunk) -> {
            if (c < oldNodeChunks) {
                old.nodes(c, chunk);
            } else {
                source.nodes(c - oldNodeChunks, chunk);
            }
        });
        InputIterable rels = () -> new ChunkIterator(oldRelChunks + source.relationshipChunks(), (c, chunk) -> {
            if (c < oldRelChunks) {
                old.relationships(c, chunk);
            } else {
                source.relationships(c - oldRelChunks, chunk);
            }
        });
        long nodeCount = old.nodeCount() + source.estimatedNodes();
        long relCount = old.relCount() + source.estimatedRelationships();
        Input input = Input.input(nodes, rels, IdType.ACTUAL,
                Input.knownEstimates(nodeCount, relCount, nodeCount * 4, relCount / 2, nodeCount * 40, relCount * 4, nodeCount),
                new Groups(), false);
        Configuration conf = new Configuration() {
            @Override
            public long maxOffHeapMemory() {
                return Math.min(Configuration.super.maxOffHeapMemory(), 4L << 30);
            }
        };
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
             JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            BatchImporter importer = engine.batchImporter(layout, fs, true, tracer, conf, logs, out, false,
                    DefaultAdditionalIds.EMPTY, new LogTailMetadataFactoryImpl(fs), config, Monitor.NO_MONITOR, scheduler,
                    Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(), new IndexImporterFactoryImpl(),
                    EmptyMemoryTracker.INSTANCE, contexts,
                    () -> new DefaultIndexProvidersAccess(engine, fs, config, scheduler, logs, tracer, contexts), 0, null,
                    DatabaseCreationOptions.EMPTY_CREATION_OPTIONS, BatchImporter.HardwareValidation.NONE);
            try (importer) {
                importer.doImport(input);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e);
        }
    }

    private static int chunks(long count) {
        return (int) ((count + CHUNK - 1) / CHUNK);
    }

    /** The graph read from the old store, numbered 0..n-1 in reading order. */
    private static final class Snapshot implements BulkSource.ExistingNodes {
        static final Snapshot EMPTY = new Snapshot();

        final List<String[]> nodeLabels = new ArrayList<>();
        final List<Map<String, Object>> nodeProps = new ArrayList<>();
        final List<Long> relFrom = new ArrayList<>();
        final List<Long> relTo = new ArrayList<>();
        final List<String> relType = new ArrayList<>();
        final List<Map<String, Object>> relProps = new ArrayList<>();
        final List<String> schema = new ArrayList<>();
        private final Map<String, Map<String, Long>> byKey = new ConcurrentHashMap<>();

        long nodeCount() {
            return nodeLabels.size();
        }

        long relCount() {
            return relFrom.size();
        }

        List<String> schema() {
            return schema;
        }

        @Override
        public OptionalLong find(Label label, String key) {
            Long id = byKey.computeIfAbsent(label.name() + "\u0000" + label.keyProperty(), k -> {
                Map<String, Long> m = new HashMap<>();
                for (int i = 0; i < nodeLabels.size(); i++) {
                    if (List.of(nodeLabels.get(i)).contains(label.name())
                            && nodeProps.get(i).get(label.keyProperty()) instanceof String v) {
                        m.put(v, (long) i);
                    }
                }
                return m;
            }).get(key);
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }

        @Override
        public long firstFreeId() {
            return nodeLabels.size();
        }

        void nodes(int chunk, BulkSource.NodeSink sink) {
            for (int i = chunk * CHUNK; i < Math.min(nodeLabels.size(), (chunk + 1) * CHUNK); i++) {
                Map<String, Object> p = nodeProps.get(i);
                sink.node(i, nodeLabels.get(i), p.keySet().toArray(String[]::new), p.values().toArray());
            }
        }

        void relationships(int chunk, BulkSource.RelationshipSink sink) {
            for (int i = chunk * CHUNK; i < Math.min(relFrom.size(), (chunk + 1) * CHUNK); i++) {
                Map<String, Object> p = relProps.get(i);
                sink.relationship(relFrom.get(i), relType.get(i), relTo.get(i), p.keySet().toArray(String[]::new),
                        p.values().toArray());
            }
        }
    }

    private interface ChunkFiller {
        void fill(int chunk, BufferChunk into);
    }

    /** Hands out chunk numbers to the importer's threads. */
    private static final class ChunkIterator implements InputIterator {
        private final AtomicInteger next = new AtomicInteger();
        private final int total;
        private final ChunkFiller filler;

        ChunkIterator(int total, ChunkFiller filler) {
            this.total = total;
            this.filler = filler;
        }

        @Override
        public InputChunk newChunk() {
            return new BufferChunk();
        }

        @Override
        public boolean next(InputChunk chunk) {
            int c = next.getAndIncrement();
            if (c >= total) {
                return false;
            }
            BufferChunk b = (BufferChunk) chunk;
            b.clear();
            filler.fill(c, b);
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** The entities of one chunk, replayed to the importer's visitor. */
    private static final class BufferChunk implements InputChunk, BulkSource.NodeSink, BulkSource.RelationshipSink {
        private record Entity(long id, long to, String type, String[] labels, String[] keys, Object[] values) {
        }

        private final List<Entity> entities = new ArrayList<>(CHUNK);
        private int pos;

        void clear() {
            entities.clear();
            pos = 0;
        }

        @Override
        public void node(long id, String[] labels, String[] keys, Object[] values) {
            entities.add(new Entity(id, -1, null, labels, keys, values));
        }

        @Override
        public void relationship(long from, String type, long to, String[] keys, Object[] values) {
            entities.add(new Entity(from, to, type, null, keys, values));
        }

        @Override
        public boolean next(InputEntityVisitor visitor) throws IOException {
            if (pos >= entities.size()) {
                return false;
            }
            Entity e = entities.get(pos++);
            if (e.type() == null) {
                visitor.id(e.id());
                visitor.labels(e.labels());
            } else {
                visitor.startId(e.id());
                visitor.endId(e.to());
                visitor.type(e.type());
            }
            for (int i = 0; i < e.keys().length; i++) {
                if (e.values()[i] != null) {
                    visitor.property(e.keys()[i], e.values()[i], false);
                }
            }
            visitor.endOfEntity();
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

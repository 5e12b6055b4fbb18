package org.healthgraph.bench.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogEntry;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * Imports the whole of schema-snds into a fresh embedded Neo4j and prints the time and rows per
 * second, then imports it again (nothing to change), then runs the peer: Neo4j's embedded API
 * creating one node per table, variable, code list and code (same properties, no relationships, no
 * change detection) in transactions of 10,000 nodes.
 *
 * <p>Run with {@code bench/run-catalog-import.sh [path/to/schema-snds]}; by default it looks for
 * {@code shared/schema-snds} beside the repository.
 */
public final class CatalogImportBenchmark {

    private CatalogImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path tree = args.length > 0 ? Path.of(args[0]) : findSchemaSnds();
        Path work = Files.createTempDirectory("healthgraph-bench-catalog-");
        try {
            run(tree, work);
        } finally {
            delete(work);
        }
    }

    private static void run(Path tree, Path work) {
        System.out.println("Catalog import benchmark: " + tree.toAbsolutePath().normalize());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        List<CatalogEntry> entries = new ArrayList<>();
        ImportReport first;
        ImportReport second;
        CatalogStats stats;
        try (GraphStore store = GraphStores.open(GraphSettings.embedded(work.resolve("healthgraph")))) {
            Catalog catalog = Catalogs.reader(store);
            CatalogWriter writer = Catalogs.writer(store);
            writer.ensureSchema();
            TableSchemaImporter importer = new TableSchemaImporter(catalog, writer);
            first = importer.importTree(tree, ImportProgress.NONE);
            stats = catalog.stats();
            second = importer.importTree(tree, ImportProgress.NONE);
            catalog.forEachEntry(entries::add);
        }
        double firstSeconds = first.elapsed().toMillis() / 1000.0;
        double secondSeconds = second.elapsed().toMillis() / 1000.0;
        System.out.println(first.summary());
        System.out.println("Graph: " + stats);
        System.out.printf(Locale.ROOT, "healthgraph import (catalog writer over Bolt, one tx a file, change detection):"
                + " %.1f s, %,.0f rows/s (%d rows)%n", firstSeconds, first.rowsRead() / firstSeconds, first.rowsRead());
        System.out.printf(Locale.ROOT, "healthgraph re-import of the same tree (nothing changes): %.1f s, %d files unchanged%n",
                secondSeconds, second.filesUnchanged());
        double peer = peer(entries, work.resolve("peer"));
        System.out.printf(Locale.ROOT, "peer: Neo4j embedded API, %d nodes without relationships: %.1f s, %,.0f nodes/s%n",
                entries.size(), peer, entries.size() / peer);
    }

    /** Creates one node per entry with its main properties through the embedded API; returns seconds. */
    private static double peer(List<CatalogEntry> entries, Path dir) {
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(dir).build();
        try {
            GraphDatabaseService db = service.database("neo4j");
            for (String label : List.of("Dataset", "Table", "Variable", "Nomenclature", "Code")) {
                try (Transaction tx = db.beginTx()) {
                    tx.execute("CREATE CONSTRAINT IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.key IS UNIQUE");
                    tx.commit();
                }
            }
            try (Transaction tx = db.beginTx()) {
                tx.execute("CALL db.awaitIndexes(300)");
                tx.commit();
            }
            long start = System.nanoTime();
            for (int from = 0; from < entries.size(); from += 10_000) {
                try (Transaction tx = db.beginTx()) {
                    for (CatalogEntry e : entries.subList(from, Math.min(entries.size(), from + 10_000))) {
                        Node n = tx.createNode(Label.label(label(e)));
                        n.setProperty("key", e.key());
                        if (e instanceof Code c) {
                            n.setProperty("code", c.ref().code());
                            n.setProperty("nomenclature", c.ref().nomenclature().value());
                            n.setProperty("label", c.label());
                            n.setProperty("values", c.columns().values().toArray(String[]::new));
                        }
                    }
                    tx.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            service.shutdown();
        }
    }

    private static String label(CatalogEntry e) {
        return switch (e.kind()) {
            case DATASET -> "Dataset";
            case TABLE -> "Table";
            case VARIABLE -> "Variable";
            case NOMENCLATURE -> "Nomenclature";
            case CODE -> "Code";
        };
    }

    /** Walks up from the working folder to the first one with {@code shared/schema-snds} beside it. */
    static Path findSchemaSnds() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("schema-snds");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/schema-snds found above " + Path.of("").toAbsolutePath()
                + ": pass its path as the first argument");
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}

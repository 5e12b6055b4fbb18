package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.healthgraph.app.testing.CliRun;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.internal.neo4j.Neo4jBulkLoader;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The bulk load survives a {@code kill -9} at any point: a real child process runs
 * {@code import snds-extract --load bulk} and halts itself (as SIGKILL would stop it: no shutdown
 * hook, no finally) at each step boundary and inside the constraints and indexes step; the next
 * command (the import re-run, or the opening of the graph as {@code serve} does it) finishes or
 * undoes the load, says which, leaves no leftover folder, and the graph then equals a clean load's:
 * every label and relationship count, every constraint and index.
 */
class CrashSafeBulkLoadIT {

    /** Every point at which the load can halt, in the order the load passes them. */
    static final List<String> POINTS = List.of("building", "built", "swapping", "swap-database-moved-out",
            "swap-transactions-moved-out", "swapped", "schema-indexes-created", "schema-one-constraint-created",
            "schema-before-await", "schema-built", "previous-deleted");

    @TempDir
    static Path dir;
    static Path extract;
    static Map<String, Object> clean;

    @BeforeAll
    static void cleanLoad() throws Exception {
        extract = dir.resolve("extract");
        new SndsExtractGenerator(7).generate(200, extract);
        Path data = dir.resolve("clean");
        CliRun load = child(data, null);
        assertThat(load.exit()).as(load.out()).isZero();
        assertThat(load.out()).contains("bulk loaded 200 patients");
        clean = fingerprint(data);
        assertThat(clean.toString()).contains("Patient=200", "CareEvent=").contains("careevent_id_unique");
    }

    @Test
    void aKillAtAnyPointOfTheBulkLoadIsFinishedOrUndoneByTheNextImportAndTheGraphEqualsACleanLoad() throws Exception {
        List<String> matrix = new ArrayList<>();
        for (String point : POINTS) {
            Path data = dir.resolve("killed-at-" + point);
            CliRun killed = child(data, point);
            assertThat(killed.exit()).as(point + ": " + killed.out()).isEqualTo(137);
            assertThat(killed.out()).contains("halting at bulk load point " + point);

            CliRun again = InProcessCli.run("import", "snds-extract", extract.toString(), "--data-dir", data.toString(),
                    "--load", "bulk");
            String said = again.out().lines().filter(l -> l.contains("bulk load recovery:")).findFirst().orElse("(nothing)");
            boolean completed = said.contains("completed it") || said.contains("the new store is in place");
            if (completed) {
                assertThat(again.exit()).as(point + ": " + again.out() + again.err()).isEqualTo(1);
                assertThat(again.err()).contains("holds patients already");
            } else {
                assertThat(again.exit()).as(point + ": " + again.out() + again.err()).isZero();
                assertThat(again.out()).contains("bulk loaded 200 patients");
            }
            assertThat(leftovers(data)).as(point).isEmpty();
            try (GraphStore opened = GraphStores.open(GraphSettings.embedded(data))) {
                assertThat(opened).isNotNull();
            }
            Map<String, Object> result = fingerprint(data);
            boolean equal = result.equals(clean);
            matrix.add(String.format("| %s | %s | %s |", point, said.replaceFirst(".*bulk load recovery: ", ""),
                    equal ? "yes" : "no"));
            assertThat(result).as(point).isEqualTo(clean);
        }
        System.out.println("crash matrix (kill point | what the next import did | equal to a clean load):");
        matrix.forEach(System.out::println);
    }

    @Test
    void aKillWhileConstraintsAreCreatedIsCompletedByTheNextOpeningOfTheGraph() throws Exception {
        Path data = dir.resolve("killed-then-served");
        CliRun killed = child(data, "schema-one-constraint-created");
        assertThat(killed.exit()).as(killed.out()).isEqualTo(137);
        assertThat(Files.exists(data.resolve("neo4j-bulk.journal"))).isTrue();

        try (GraphStore opened = GraphStores.open(GraphSettings.embedded(data))) {
            assertThat(opened).isNotNull();
        }
        assertThat(leftovers(data)).isEmpty();
        assertThat(fingerprint(data)).isEqualTo(clean);
    }

    private static List<String> leftovers(Path data) throws Exception {
        List<String> out = new ArrayList<>();
        for (String name : List.of("neo4j-bulk", "neo4j-bulk-previous", "neo4j-bulk.journal", "neo4j-bulk.journal.tmp")) {
            if (Files.exists(data.resolve(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code java -cp <this test's class path> HealthgraphCli import snds-extract ... --load bulk}, halting at a point. */
    private static CliRun child(Path data, String haltAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        if (haltAt != null) {
            command.add("-D" + Neo4jBulkLoader.HALT_PROPERTY + "=" + haltAt);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HealthgraphCli.class.getName(),
                "import", "snds-extract", extract.toString(), "--data-dir", data.toString(), "--load", "bulk"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HEALTHGRAPH_DEBUG", "1");
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CliRun(p.exitValue(), new String(output, StandardCharsets.UTF_8), "");
    }

    /** Counts per label and per relationship type, and every constraint and index with its definition and state. */
    private static Map<String, Object> fingerprint(Path data) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data.resolve("neo4j"))
                .setConfig(BoltConnector.enabled, false).build();
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            Map<String, Object> out = new TreeMap<>();
            out.put("labels", rows(db, "MATCH (n) UNWIND labels(n) AS l WITH l, count(*) AS c RETURN l + '=' + c AS x"));
            out.put("relationships", rows(db, "MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c RETURN t + '=' + c AS x"));
            out.put("nodes", rows(db, "MATCH (n) WITH count(n) AS c RETURN 'all=' + c AS x"));
            out.put("constraints", rows(db, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"
                    + " RETURN name, type, labelsOrTypes, properties"));
            out.put("indexes", rows(db, "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, owningConstraint"
                    + " RETURN name, type, labelsOrTypes, properties, state, owningConstraint"));
            return out;
        } finally {
            dbms.shutdown();
        }
    }

    private static List<String> rows(GraphDatabaseService db, String cypher) {
        return db.executeTransactionally(cypher, Map.of(), r -> {
            List<String> out = new ArrayList<>();
            List<String> columns = r.columns();
            r.forEachRemaining(row -> out.add(String.join(" ", columns.stream().map(c -> String.valueOf(row.get(c))).toList())));
            out.sort(null);
            return out;
        });
    }
}

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
 *
 * <p>The kill matrix runs on the extract without its drug labels, so that each command does the bulk
 * load alone (with them, each first writes the ATC code list through the application's context, a
 * start-up per command and eleven points); the list written before a killed load is checked apart,
 * at a point whose recovery completes the load and at one whose recovery undoes it.
 */
class CrashSafeBulkLoadIT {

    /** Every point at which the load can halt, in the order the load passes them. */
    static final List<String> POINTS = List.of("building", "built", "swapping", "swap-database-moved-out",
            "swap-transactions-moved-out", "swapped", "schema-indexes-created", "schema-one-constraint-created",
            "schema-before-await", "schema-built", "previous-deleted");

    @TempDir
    static Path dir;
    /** The extract with its drug labels (an ATC code list), and without them. */
    static Path labelled;
    static Path extract;
    static Map<String, Object> clean;
    static Map<String, Object> cleanLabelled;

    /** The drug reference's label columns, from which the import makes the ATC code list. */
    private static final List<String> LABEL_COLUMNS = List.of("PHA_ATC_L07", "PHA_ATC_C03", "PHA_ATC_L03");

    @BeforeAll
    static void cleanLoad() throws Exception {
        labelled = dir.resolve("labelled");
        new SndsExtractGenerator(7).generate(200, labelled);
        extract = withoutDrugLabels(labelled, dir.resolve("extract"));
        Path data = dir.resolve("clean");
        CliRun load = child(data, null, extract);
        assertThat(load.exit()).as(load.out()).isZero();
        assertThat(load.out()).contains("bulk loaded 200 patients").doesNotContain("ATC code list");
        clean = fingerprint(data);
        assertThat(clean.toString()).contains("Patient=200", "CareEvent=").contains("careevent_id_unique");

        Path labelledData = dir.resolve("clean-labelled");
        CliRun labelledLoad = child(labelledData, null, labelled);
        assertThat(labelledLoad.exit()).as(labelledLoad.out()).isZero();
        assertThat(labelledLoad.out()).contains("bulk loaded 200 patients").contains("ATC code list from IR_PHA_R");
        cleanLabelled = fingerprint(labelledData);
        assertThat(cleanLabelled).isNotEqualTo(clean);
    }

    /** A copy of the extract whose drug reference lacks the label columns (the import then makes no ATC list). */
    private static Path withoutDrugLabels(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Path reference = to.resolve("IR_PHA_R.csv");
        List<String> lines = Files.readAllLines(reference, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split(";", -1));
        assertThat(header).containsAll(LABEL_COLUMNS);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(";", -1);
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                if (!LABEL_COLUMNS.contains(header.get(c))) {
                    kept.add(cells[c]);
                }
            }
            out.add(String.join(";", kept));
        }
        Files.write(reference, out, StandardCharsets.UTF_8);
        return to;
    }

    @Test
    void aKillAtAnyPointOfTheBulkLoadIsFinishedOrUndoneByTheNextImportAndTheGraphEqualsACleanLoad() throws Exception {
        List<String> matrix = new ArrayList<>();
        for (String point : POINTS) {
            Path data = dir.resolve("killed-at-" + point);
            CliRun killed = child(data, point, extract);
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
        CliRun killed = child(data, "schema-one-constraint-created", extract);
        assertThat(killed.exit()).as(killed.out()).isEqualTo(137);
        assertThat(Files.exists(data.resolve("neo4j-bulk.journal"))).isTrue();

        try (GraphStore opened = GraphStores.open(GraphSettings.embedded(data))) {
            assertThat(opened).isNotNull();
        }
        assertThat(leftovers(data)).isEmpty();
        assertThat(fingerprint(data)).isEqualTo(clean);
    }

    @Test
    void theAtcListWrittenBeforeAKilledLoadIsThereWhenTheNextImportFinishesOrUndoesTheLoad() throws Exception {
        // "built": the new store is not in place yet, the recovery undoes the load and the import loads again;
        // "swapped": it is, the recovery completes the load and the import refuses a second bulk load
        for (String point : List.of("built", "swapped")) {
            Path data = dir.resolve("labelled-killed-at-" + point);
            CliRun killed = child(data, point, labelled);
            assertThat(killed.exit()).as(point + ": " + killed.out()).isEqualTo(137);
            assertThat(killed.out()).contains("ATC code list from IR_PHA_R").contains("halting at bulk load point " + point);

            CliRun again = InProcessCli.run("import", "snds-extract", labelled.toString(), "--data-dir", data.toString(),
                    "--load", "bulk");
            assertThat(again.out()).as(point).contains("bulk load recovery:");
            assertThat(leftovers(data)).as(point).isEmpty();
            assertThat(fingerprint(data)).as(point).isEqualTo(cleanLabelled);
        }
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
    private static CliRun child(Path data, String haltAt, Path extract) throws Exception {
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

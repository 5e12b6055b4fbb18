package org.healthgraph.bench.backends;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;
import org.healthgraph.graph.GremlinSettings;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.store.JourneyStores;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.testing.gremlinserver.GremlinServerProcess;

/**
 * Usage: {@code BackendBench [patients] [workDir]}. The same small workload on each graph backend,
 * each starting empty: a fresh embedded Neo4j (over Bolt on loopback), a fresh embedded TinkerGraph
 * (TinkerTransactionGraph in this JVM) and a fresh Gremlin Server (TinkerTransactionGraph in its own
 * JVM, GraphBinary over WebSocket on loopback). It times the opening, the catalog import of the demo
 * dictionary, join paths between every two of its tables, a bulk of uncached catalog reads, the import
 * of a synthetic population as journeys, and the rebuild of the timeline index from the graph (every
 * patient read back), then a cohort counted from it; and prints one table.
 */
public final class BackendBench {

    private static final int JOIN_ROUNDS = 20;
    private static final int READ_ROUNDS = 200;
    private static final CohortQuery MI_STATIN = CohortQuery.of(new IndexEvent(EventCriterion.of(EventType.HOSPITAL_STAY,
                    CodeSystem.ICD10, "I21").withRoles(CodeRole.PRINCIPAL), IndexEvent.Occurrence.FIRST, 0, 0),
            List.of(new InclusionRule("statin within 30 days after discharge", Condition.after(EventCriterion.of(
                    EventType.DRUG_DISPENSING, CodeSystem.ATC, "C10AA"), Condition.INDEX, Condition.Side.END, 0, 30))));

    private BackendBench() {
    }

    /** The figures of one backend. */
    record Figures(String backend, double openSeconds, double importSeconds, long catalogEntries, double joinPathMillis,
                   double readMillis, long reads, double journeysSeconds, long events, double rebuildSeconds,
                   long cohort) {
    }

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("healthgraph-backend-bench-");
        Path extract = Files.createDirectories(work.resolve("extract"));
        new SndsExtractGenerator(42).generate(patients, extract);
        List<PatientJourney> population = new SndsExtractImporter().read(extract).patients();
        System.out.printf(Locale.ROOT, "workload: demo dictionary, join paths between every two tables x %d, %d rounds of"
                + " 4 reads, %,d patients (%,d events); load average at start %.2f%n", JOIN_ROUNDS, READ_ROUNDS, population.size(),
                population.stream().mapToLong(p -> p.events().size()).sum(), load());

        List<Figures> figures = new ArrayList<>();
        figures.add(measure("neo4j (embedded, Bolt)", () -> GraphStores.open(GraphSettings.embedded(work.resolve("neo4j"))),
                work.resolve("a"), population));
        figures.add(measure("tinkergraph (embedded)",
                () -> GraphStores.open(GraphSettings.gremlin(GremlinSettings.inMemory(), work.resolve("tg"))),
                work.resolve("b"), population));
        try (GremlinServerProcess server = GremlinServerProcess.start()) {
            figures.add(measure("gremlin server (tinkergraph)", () -> GraphStores.open(GraphSettings.gremlin(
                    GremlinSettings.remote(List.of(server.host()), server.port()), work.resolve("gs"))), work.resolve("c"),
                    population));
        }
        print(figures);
        System.out.printf(Locale.ROOT, "load average at end %.2f%n", load());
    }

    private static Figures measure(String name, Supplier<GraphStore> open, Path work, List<PatientJourney> population)
            throws IOException {
        long t0 = System.nanoTime();
        try (GraphStore graph = open.get()) {
            double openSeconds = seconds(t0);
            CatalogWriter writer = Catalogs.writer(graph);
            writer.ensureSchema();
            Catalog catalog = Catalogs.reader(graph);

            long t1 = System.nanoTime();
            ImportReport report = new TableSchemaImporter(catalog, writer).importTree(DemoDictionary.extractTo(work),
                    ImportProgress.NONE);
            double importSeconds = seconds(t1);
            if (report.hasErrors()) {
                throw new IllegalStateException(name + ": the demo dictionary did not import: " + report.problems());
            }
            long[] entries = {0};
            catalog.forEachEntry(e -> entries[0]++);

            List<TableName> tables = catalog.tables().stream().map(Table::name).toList();
            long[] joinNanos = new long[JOIN_ROUNDS * tables.size() * tables.size()];
            int j = 0;
            for (int round = 0; round < JOIN_ROUNDS; round++) {
                for (TableName from : tables) {
                    for (TableName to : tables) {
                        long s = System.nanoTime();
                        catalog.joinPaths(from, to, 4);
                        joinNanos[j++] = System.nanoTime() - s;
                    }
                }
            }

            List<Nomenclature> lists = catalog.nomenclatures();
            List<Code> codes = lists.stream().flatMap(n -> catalog.allCodes(n.name()).stream()).toList();
            long[] readNanos = new long[READ_ROUNDS * 4];
            int r = 0;
            for (int round = 0; round < READ_ROUNDS; round++) {
                TableName t = tables.get(round % tables.size());
                Code c = codes.get(round % codes.size());
                Nomenclature list = lists.get(round % lists.size());
                for (Supplier<Object> read : List.<Supplier<Object>>of(() -> catalog.table(t), () -> catalog.variables(t),
                        () -> catalog.code(c.ref()), () -> catalog.codes(list.name(), 10,
                                Optional.empty()))) {
                    long s = System.nanoTime();
                    read.get();
                    readNanos[r++] = System.nanoTime() - s;
                }
            }

            long t2 = System.nanoTime();
            org.healthgraph.journeys.ImportReport imported = new JourneyImporter(JourneyStores.on(graph))
                    .importPatients(population);
            double journeysSeconds = seconds(t2);
            long t3 = System.nanoTime();
            long[] raw;
            double rebuildSeconds;
            try (CohortService reopened = CohortService.over(JourneyStores.on(graph), Optional.empty(),
                    new org.healthgraph.graph.IndexReadiness()).awaitReady()) {
                rebuildSeconds = seconds(t3);
                raw = reopened.rawAttrition(MI_STATIN);
            }
            Figures f = new Figures(name, openSeconds, importSeconds, entries[0], median(joinNanos) / 1e6,
                    median(readNanos) / 1e6, readNanos.length, journeysSeconds, imported.events(), rebuildSeconds,
                    raw[raw.length - 1]);
            System.out.printf(Locale.ROOT, "%s done (load average %.2f)%n", name, load());
            return f;
        }
    }

    private static void print(List<Figures> figures) {
        System.out.printf(Locale.ROOT, "%-30s %8s %10s %8s %12s %12s %12s %11s %11s %8s%n", "backend", "open s",
                "catalog s", "entries", "join p50 ms", "read p50 ms", "journeys s", "events/s", "rebuild s", "cohort");
        for (Figures f : figures) {
            System.out.printf(Locale.ROOT, "%-30s %8.1f %10.2f %8d %12.2f %12.2f %12.1f %11.0f %11.1f %8d%n", f.backend(),
                    f.openSeconds(), f.importSeconds(), f.catalogEntries(), f.joinPathMillis(), f.readMillis(),
                    f.journeysSeconds(), f.events() / f.journeysSeconds(), f.rebuildSeconds(), f.cohort());
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

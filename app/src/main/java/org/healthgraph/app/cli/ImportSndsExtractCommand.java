package org.healthgraph.app.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.healthgraph.app.config.DataFolderLock;
import org.healthgraph.app.config.HealthgraphProperties;
import org.healthgraph.app.config.JourneyConfiguration;
import org.healthgraph.app.config.SettingsReader;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.graph.GraphBulkLoad;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.ImportReport;
import org.healthgraph.journeys.JourneyImporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import snds-extract DIR}: patients and care events from an SNDS-shaped extract. */
@Command(name = "snds-extract", mixinStandardHelpOptions = true,
        description = "Import an SNDS-shaped extract (IR_BEN_R, ER_PRS_F + ER_PHA_F, IR_PHA_R, T_MCOaaB/C/D, KI_CCI_R as CSV)"
                + " as patients with care events. Re-running replaces the patients' events. A first load of a large extract"
                + " into the embedded database is written offline by Neo4j's batch importer (see --load).")
public final class ImportSndsExtractCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Mixin
    ProjectOption project = new ProjectOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of the extract's CSV files, named after the tables.")
    Path dir;

    @Option(names = "--separator", description = "Field separator (default: detected from each header, ';' or ',').")
    Character separator;

    @Option(names = "--encoding", description = "File encoding (default: detected, UTF-8 or windows-1252).")
    String encoding;

    @Option(names = "--lenient", description = "Import the rows that follow the rules even when some do not (they are"
            + " still reported), and exit 0. Without it a row with an impossible date, a malformed year or code, or a line"
            + " longer than --max-line-length makes the command import nothing and exit 1.")
    boolean lenient;

    @Option(names = "--atomic", description = "All or nothing: write every patient of the extract in one transaction"
            + " (a failure of the database leaves the graph as it was), instead of one transaction per --batch patients."
            + " The bulk load is all or nothing already; without --lenient a bad row already imports nothing.")
    boolean atomic;

    @Option(names = "--max-line-length", defaultValue = "" + SndsExtractImporter.DEFAULT_MAX_LINE_LENGTH,
            description = "Longest line read, in characters (default ${DEFAULT-VALUE}, 1 MiB); a longer one is left out"
                    + " and reported.")
    int maxLineLength;

    @Option(names = "--batch", defaultValue = "" + JourneyImporter.DEFAULT_BATCH,
            description = "Patients per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    /** How patients reach the graph. */
    enum Load { AUTO, BULK, TRANSACTIONAL }

    /** Extracts at least this large go through the bulk load in {@code auto} mode. */
    static final long AUTO_BULK_EVENTS = 100_000;

    @Option(names = "--load", defaultValue = "auto", converter = LoadConverter.class,
            description = "auto (default): bulk when the database is embedded, holds no patient yet and the extract has at"
                    + " least " + AUTO_BULK_EVENTS + " events, else transactional; bulk: Neo4j's batch importer builds a new"
                    + " store holding the current graph plus the extract and swaps it in (all or nothing; refused when"
                    + " patients exist); transactional: batches of --batch patients, each one transaction.")
    Load load;

    static final class LoadConverter implements CommandLine.ITypeConverter<Load> {
        @Override
        public Load convert(String value) {
            try {
                return Load.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("--load must be auto, bulk or transactional, got '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        // A failure (an ImportException with its kind, or anything else) goes to the one command-line mapping.
        var out = spec.commandLine().getOut();
        SndsExtractImporter.Extract extract = new SndsExtractImporter(Optional.ofNullable(separator),
                Optional.ofNullable(encoding).map(Charset::forName), maxLineLength)
                .withProgress(line -> out.println("  " + line)).read(dir);
        SndsExtractImporter.Report r = extract.report();
        out.printf("read %,d patients, %,d events in %.1f s; rows per table %s%n", r.patients(), r.events(),
                (System.nanoTime() - t0) / 1e9, r.rowsPerTable());
        out.printf("left out: %,d stays with linkage return codes not all '0', %,d rows of unknown patients,"
                + " %,d claims without pharmacy line; %,d drugs without ATC%n", r.staysWithBadLinkage(),
                r.rowsOfUnknownPatients(), r.claimsWithoutPharmacyLine(), r.drugsWithoutAtc());
        if (r.rowsLeftOut() > 0) {
            reportLeftOut(r, out, spec.commandLine().getErr());
            if (!lenient) {
                out.printf("nothing imported: %,d row(s) break the rules above; correct them, or re-run with --lenient to"
                        + " import the other rows%n", r.rowsLeftOut());
                return 1;
            }
            out.printf("--lenient: importing the other rows%n");
        }
        HealthgraphProperties settings = SettingsReader.read(GraphOptions.asArguments(graph.properties()));
        // Neo4j's batch importer writes the embedded Neo4j's files: not a server's, nor a Gremlin graph's.
        boolean embedded = settings.graphSettings().supportsBulkLoad();
        if (embedded) {
            // The bulk load and its recovery write the data folder without opening the graph through the
            // application's context, which takes the folder's lock: taken here, so that a server (or another
            // command) using the folder is never written under (and the lock is this process's from now on).
            DataFolderLock.acquire(settings.dataDir());
            // Said here, on the command's output: a bulk load killed half-way is finished or undone first.
            GraphBulkLoad.recoverInterrupted(settings.dataDir(), line -> out.println("  " + line));
        }
        if (load == Load.BULK && !embedded) {
            throw new CliException("--load bulk writes the embedded Neo4j's files; with a Neo4j server (--neo4j-uri) or the"
                    + " Gremlin backend (healthgraph.graph.backend=gremlin) use --load transactional (or auto), or the"
                    + " database's own bulk loader");
        }
        boolean large = r.events() >= AUTO_BULK_EVENTS;
        if (load == Load.AUTO && !embedded && large) {
            out.println("the bulk load needs the embedded Neo4j (healthgraph.graph.backend=neo4j, no --neo4j-uri):"
                    + " importing by transactions");
        }
        if (load == Load.AUTO && embedded && large && !JourneyImporter.bulkLoadAvailable()) {
            out.println("the bulk load needs the JVM option --add-opens=java.base/java.nio=ALL-UNNAMED (set by the"
                    + " healthgraph launcher): importing by transactions");
        }
        if (embedded && (load == Load.BULK || (load == Load.AUTO && large && JourneyImporter.bulkLoadAvailable()))) {
            // The ATC code list is reference data of the extract, apart from its patients: written first (it
            // changes nothing when already there), so that the bulk load carries it into its new store and a
            // load killed half-way, then finished or undone by the next command, leaves it as a clean load does.
            if (extract.atcCodes().isPresent()) {
                try (JobContext ctx = JobContext.open(graph)) {
                    writeAtcCodes(ctx.bean(CatalogWriter.class), extract, out);
                }
            }
            long t1 = System.nanoTime();
            Optional<ImportReport> bulk = JourneyImporter.bulkLoad(settings.dataDir(), project.apply(extract.patients()),
                    line -> out.println("  " + line));
            if (bulk.isPresent()) {
                out.printf("bulk loaded %,d patients, %,d events in %.1f s%n", bulk.get().patients(), bulk.get().events(),
                        (System.nanoTime() - t1) / 1e9);
                saveIndex(settings, extract, bulk.get(), out);
                return 0;
            }
            if (load == Load.BULK) {
                throw new CliException("--load bulk is for a first load and the graph holds patients already; use --load"
                        + " transactional (or auto), which replaces the events of the patients it imports");
            }
            out.println("the graph holds patients already: importing by transactions, which replace their events");
        }
        try (JobContext ctx = JobContext.open(graph)) {
            SavedIndex saved = SavedIndex.openBeforeImport(ctx.bean(CohortService.class));
            int perTransaction = atomic ? Math.max(1, extract.patients().size()) : batch;
            ImportReport report = ctx.bean(JourneyImporter.class).importPatients(project.apply(extract.patients()), perTransaction,
                    n -> { if (n % 100_000 == 0) { out.printf("  %,d patients written%n", n); } });
            out.printf("imported %,d patients, %,d events in %.1f s%n", report.patients(), report.events(),
                    report.millis() / 1000.0);
            saved.updateAfterImport(out);
            writeAtcCodes(ctx.bean(CatalogWriter.class), extract, out);
        }
        return 0;
    }

    /**
     * The ATC code list the drug reference names (labels of the drug codes, for their pages and the
     * search), written through the catalog like a dictionary's code list; unchanged, it writes nothing.
     */
    private static void writeAtcCodes(CatalogWriter writer, SndsExtractImporter.Extract extract, java.io.PrintWriter out) {
        extract.atcCodes().ifPresent(unit -> {
            CatalogChange change = writer.write(unit);
            out.printf("ATC code list from IR_PHA_R: %,d codes with labels (%s)%n", unit.codes().size(),
                    change.isEmpty() ? "unchanged" : "written to the catalog");
        });
    }

    /** The rows left out, one a line (up to a limit) on the error stream, then their count per rule. */
    private static void reportLeftOut(SndsExtractImporter.Report r, java.io.PrintWriter out, java.io.PrintWriter err) {
        r.leftOut().stream().limit(ImportReports.SHOWN).forEach(err::println);
        if (r.rowsLeftOut() > Math.min(ImportReports.SHOWN, r.leftOut().size())) {
            err.printf("... and %,d more row(s) left out%n", r.rowsLeftOut() - Math.min(ImportReports.SHOWN, r.leftOut().size()));
        }
        err.flush();
        out.printf("left out, breaking a rule: %,d row(s)%n", r.rowsLeftOut());
        r.rowsLeftOutPerRule().forEach((rule, n) -> out.printf("  %,d: %s%n", n, rule));
    }

    /**
     * Saves the timeline index of the patients just bulk loaded, at the stamp the load gave the graph:
     * the next server start loads it instead of reading the patients back over Bolt. A failure here
     * loses nothing: the server then rebuilds the index from the graph.
     */
    private static void saveIndex(HealthgraphProperties settings, SndsExtractImporter.Extract extract, ImportReport loaded,
                                  java.io.PrintWriter out) {
        long t0 = System.nanoTime();
        try {
            long bytes = CohortService.saveLoaded(settings.dataDir().resolve(JourneyConfiguration.INDEX_FOLDER),
                    extract.patients(), loaded.stamp().orElseThrow());
            out.printf("timeline index saved (%,d bytes in %.1f s): the server opens it without reading the graph%n", bytes,
                    (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            out.printf("timeline index not saved (%s): the server rebuilds it from the graph when it next opens it%n",
                    e.getMessage());
        }
    }
}

package org.healthgraph.app.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.snds.SndsImportException;
import org.healthgraph.linkage.journey.ImportReport;
import org.healthgraph.linkage.journey.Journeys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import snds-extract DIR}: patients and care events from an SNDS-shaped extract. */
@Command(name = "snds-extract", mixinStandardHelpOptions = true,
        description = "Import an SNDS-shaped extract (IR_BEN_R, ER_PRS_F + ER_PHA_F, IR_PHA_R, T_MCOaaB/C/D, KI_CCI_R as CSV)"
                + " as patients with care events. Re-running replaces the patients' events.")
public final class ImportSndsExtractCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of the extract's CSV files, named after the tables.")
    Path dir;

    @Option(names = "--separator", description = "Field separator (default: detected from each header, ';' or ',').")
    Character separator;

    @Option(names = "--encoding", description = "File encoding (default: detected, UTF-8 or windows-1252).")
    String encoding;

    @Option(names = "--batch", defaultValue = "" + Journeys.DEFAULT_BATCH,
            description = "Patients per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SndsExtractImporter.Extract extract;
        try {
            extract = new SndsExtractImporter(Optional.ofNullable(separator), Optional.ofNullable(encoding).map(Charset::forName))
                    .read(dir);
        } catch (SndsImportException e) {
            throw new CliException(e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        SndsExtractImporter.Report r = extract.report();
        out.printf("read %,d patients, %,d events in %.1f s; rows per table %s%n", r.patients(), r.events(),
                (System.nanoTime() - t0) / 1e9, r.rowsPerTable());
        out.printf("left out: %,d stays with linkage return codes not all '0', %,d rows of unknown patients,"
                + " %,d claims without pharmacy line; %,d drugs without ATC%n", r.staysWithBadLinkage(),
                r.rowsOfUnknownPatients(), r.claimsWithoutPharmacyLine(), r.drugsWithoutAtc());
        try (JobContext ctx = JobContext.open(graph)) {
            Journeys journeys = ctx.bean(Journeys.class);
            ImportReport report = journeys.importPatients(extract.patients(), batch,
                    n -> { if (n % 100_000 == 0) { out.printf("  %,d patients written%n", n); } });
            out.printf("imported %,d patients, %,d events: graph %.1f s, timeline index %.1f s%n", report.patients(),
                    report.events(), report.graphMillis() / 1000.0, report.indexMillis() / 1000.0);
        }
        return 0;
    }
}

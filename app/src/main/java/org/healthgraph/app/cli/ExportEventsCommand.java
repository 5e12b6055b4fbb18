package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.healthgraph.journeys.parquet.ParquetEvents;
import org.healthgraph.journeys.store.JourneyStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code healthgraph export events --format parquet --out DIR}: every patient's care events as
 * Parquet partitioned by patient, the input of the Spark module's cohort job (docs/scale-out.md).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Export the patients' care events as Parquet files partitioned by patient (folders"
                + " patient_bucket=N and a layout file), for cohorts counted by Apache Spark (docs/scale-out.md)."
                + " Patient-level data: the folder is for the data owner's own cluster, and the export is audited."})
public final class ExportEventsCommand implements Callable<Integer> {

    private static final int PAGE = 5_000;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet", description = "parquet (the only one; default).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "A new (or empty) folder to write into; never overwritten.")
    Path out;

    @Option(names = "--buckets", paramLabel = "N", defaultValue = "" + ParquetEvents.DEFAULT_BUCKETS,
            description = "Patients are hashed into N buckets, one folder each (default ${DEFAULT-VALUE}).")
    int buckets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!"parquet".equals(format.toLowerCase(Locale.ROOT))) {
            throw new CliException("--format: only parquet is supported, got '" + format + "'");
        }
        long t0 = System.nanoTime();
        EventsLayout layout;
        try (JobContext context = JobContext.open(graph)) {
            JourneyStore store = context.bean(JourneyStore.class);
            layout = ParquetEvents.write(out, buckets, sink -> store.forEachPatient(PAGE, sink));
            context.bean(AuditTrail.class).record(AuditEvent.allowed("cli:" + System.getProperty("user.name"),
                    AuditAction.PATIENT_READ, "healthgraph export events", layout.patients(),
                    "care events exported as Parquet (" + layout.events() + " events, " + layout.buckets().size() + " buckets)"));
        }
        spec.commandLine().getOut().printf("exported %,d patients and %,d events into %d buckets of %s in %.1f s%n",
                layout.patients(), layout.events(), layout.buckets().size(), out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}

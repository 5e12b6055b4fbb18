package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.healthgraph.importers.fhir.FhirImporter;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.ImportReport;
import org.healthgraph.journeys.JourneyImporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import fhir PATH}: patients and care events from FHIR R4 Bundles or ndjson. */
@Command(name = "fhir", mixinStandardHelpOptions = true,
        description = "Import FHIR R4 resources (Patient, Encounter, Condition, MedicationDispense/Request, Procedure,"
                + " Observation) from a Bundle .json, an .ndjson file, or a folder of them (e.g. Synthea output).")
public final class ImportFhirCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Mixin
    ProjectOption project = new ProjectOption();

    @Parameters(index = "0", paramLabel = "PATH", description = "A .json or .ndjson file, or a folder of them.")
    Path path;

    @CommandLine.Option(names = "--atomic", description = "All or nothing: write every patient in one transaction (a"
            + " failure of the database leaves the graph as it was), instead of one transaction per "
            + JourneyImporter.DEFAULT_BATCH + " patients. A file that cannot be read already imports nothing.")
    boolean atomic;

    @Override
    public Integer call() {
        // A failure (an ImportException with its kind, or anything else) goes to the one command-line mapping.
        FhirImporter.Result result = new FhirImporter().read(path);
        var out = spec.commandLine().getOut();
        FhirImporter.Report r = result.report();
        out.printf("read %,d files, %,d resources: %,d patients, %,d events; %,d codings of unknown systems,"
                + " %,d resources without a known patient left out%n", r.files(), r.resources(), r.patients(), r.events(),
                r.codingsOfUnknownSystems(), r.resourcesWithoutPatient());
        try (JobContext ctx = JobContext.open(graph)) {
            SavedIndex saved = SavedIndex.openBeforeImport(ctx.bean(CohortService.class));
            ImportReport report = atomic
                    ? ctx.bean(JourneyImporter.class).importPatients(project.apply(result.patients()),
                            Math.max(1, result.patients().size()), n -> { })
                    : ctx.bean(JourneyImporter.class).importPatients(project.apply(result.patients()));
            out.printf("imported %,d patients, %,d events in %.1f s%n", report.patients(), report.events(),
                    report.millis() / 1000.0);
            saved.updateAfterImport(out);
        }
        return 0;
    }
}

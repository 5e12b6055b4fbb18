package org.healthgraph.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.tableschema.TableSchemaImporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import table-schema DIR}: imports a Table Schema tree laid out as schema-snds. */
@Command(name = "table-schema", mixinStandardHelpOptions = true,
        description = {"Import a Frictionless Table Schema tree laid out as schema-snds: schemas/<product>/<TABLE>.json,"
                + " nomenclatures/<source>/<NAME>.json and <NAME>.csv.",
                "One transaction per file; importing the same tree again changes nothing; a changed description is"
                + " updated and recorded in the variable's history. Exit code 1 when anything failed.",
                "--atomic: every file or none."})
public final class ImportTableSchemaCommand implements Callable<Integer> {

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Parameters(index = "0", paramLabel = "DIR", description = "The tree's root folder (holding schemas/ and nomenclatures/).")
    Path dir;

    @CommandLine.Option(names = "--lenient", description = "Exit 0 when every file was imported even though some of its"
            + " rows were left out for breaking a rule (they are still reported); without it any left-out row means exit 1.")
    boolean lenient;

    @CommandLine.Option(names = "--atomic", description = "All or nothing: read and check every file first; write them all"
            + " in one transaction only when none failed (and, without --lenient, no row was left out); otherwise import"
            + " nothing and exit 1. Without it each file is one transaction and the good files are imported.")
    boolean atomic;

    @CommandLine.Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new CliException(dir + " is not a folder: give the root of a Table Schema tree (holding schemas/ and"
                    + " nomenclatures/)");
        }
        try (JobContext context = JobContext.open(graph)) {
            TableSchemaImporter importer = new TableSchemaImporter(context.bean(Catalog.class),
                    context.bean(CatalogWriter.class), context.bean(TextLimits.class));
            org.healthgraph.catalog.ImportProgress progress = noProgress ? org.healthgraph.catalog.ImportProgress.NONE
                    : ProgressBarReporter.on(System.err);
            ImportReport report = IndexAtEnd.around(context, spec.commandLine().getOut(), () -> atomic ? importer.importTreeAtomically(dir, progress,
                    lenient) : importer.importTree(dir, progress));
            return ImportReports.print(report, spec.commandLine().getOut(), spec.commandLine().getErr(), lenient);
        }
    }
}

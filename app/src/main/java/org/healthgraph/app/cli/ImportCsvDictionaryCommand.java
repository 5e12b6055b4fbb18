package org.healthgraph.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.csvdictionary.CsvDictionaryImporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import csv-dictionary FILE}: imports a plain CSV data dictionary. */
@Command(name = "csv-dictionary", mixinStandardHelpOptions = true,
        description = {"Import a CSV data dictionary: a header line, then one row a variable with the columns dataset,"
                + " table, variable, description, type, code list (French headers accepted: produit, nom, libellé,"
                + " nomenclature); separator ';', ',' or tab.",
                "The file is one transaction; bad lines are reported and left out. Exit code 1 when anything failed."})
public final class ImportCsvDictionaryCommand implements Callable<Integer> {

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV dictionary (UTF-8).")
    Path file;

    @CommandLine.Option(names = "--lenient", description = "Exit 0 when every file was imported even though some of its"
            + " rows were left out for breaking a rule (they are still reported); without it any left-out row means exit 1.")
    boolean lenient;

    @CommandLine.Option(names = "--atomic", description = "All or nothing: import the file only when none of its rows is"
            + " left out (with --lenient, when it can be imported at all); otherwise import nothing and exit 1. Without it"
            + " the file is imported without its bad rows.")
    boolean atomic;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + " is not a file: give a CSV data dictionary");
        }
        try (JobContext context = JobContext.open(graph)) {
            CsvDictionaryImporter importer = new CsvDictionaryImporter(context.bean(Catalog.class),
                    context.bean(CatalogWriter.class), context.bean(TextLimits.class));
            ImportReport report = IndexAtEnd.around(context, spec.commandLine().getOut(),
                    () -> importer.importFile(file, ImportProgress.NONE, atomic && !lenient));
            return ImportReports.print(report, spec.commandLine().getOut(), spec.commandLine().getErr(), lenient);
        }
    }
}

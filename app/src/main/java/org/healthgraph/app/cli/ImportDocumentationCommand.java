package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.importers.TextLimits;
import org.healthgraph.importers.documentation.DocumentationImporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code healthgraph import documentation DIR}: imports a folder of Markdown pages laid out as Documentation-SNDS. */
@Command(name = "documentation", mixinStandardHelpOptions = true,
        description = {"Import a folder of Markdown documentation laid out as Documentation-SNDS (fiches/, glossaire/,"
                + " tables/ ...): pages and sections, what they name in the catalog (tables, variables, code lists,"
                + " codes), links between pages, glossary terms.",
                "Import the dictionary first: names are resolved against the catalog. Pages are written in batches of"
                + " 50, one transaction each (a batch that fails is written again page by page); importing the same folder again changes nothing; a changed page replaces its own nodes; a page"
                + " whose file is gone is removed. Names and links that resolve to nothing are counted and the first"
                + " of each kind shown with file and line. Exit code 1 when a page could not be imported.",
                "--atomic: every page or none."})
public final class ImportDocumentationCommand implements Callable<Integer> {

    /** Unresolved mentions shown one by one for each kind; the rest are counted. */
    static final int SHOWN_PER_KIND = 5;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Parameters(index = "0", paramLabel = "DIR", description = "The documentation folder (holding .md pages).")
    Path dir;

    @CommandLine.Option(names = "--atomic", description = "All or nothing: read and resolve every page first; write the"
            + " changed pages and remove the pages whose files are gone in one transaction only when no page failed;"
            + " otherwise import nothing and exit 1. Names and links that resolve to nothing are warnings and refuse"
            + " nothing. Without it pages are written in batches and the good pages are imported.")
    boolean atomic;

    @CommandLine.Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new CliException(dir + " is not a folder: give the root of a documentation folder (holding .md pages)");
        }
        try (JobContext context = JobContext.open(graph)) {
            DocumentationImporter importer = new DocumentationImporter(CatalogLookup.of(context.bean(Catalog.class)),
                    context.bean(DocumentationWriter.class), context.bean(TextLimits.class));
            ImportProgress progress = noProgress ? ImportProgress.NONE : ProgressBarReporter.on(System.err);
            ImportReport report = atomic ? importer.importFolderAtomically(dir, progress) : importer.importFolder(dir, progress);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<ImportProblem> others = printUnresolved(report.problems(), out);
            ImportReport rest = new ImportReport(report.filesRead(), report.filesImported(), report.filesUnchanged(),
                    report.filesFailed(), report.rowsRead(), report.rowsSkipped(), report.created(), report.updated(),
                    others, report.elapsed());
            int exit = ImportReports.print(rest, out, err);
            out.println("Warnings about mentions and links above: " + (report.problems().size() - others.size()));
            DocumentationStats stats = context.bean(Documentation.class).stats();
            out.printf("Documentation held: %d pages, %d sections, %d glossary terms, %d mentions, %d links%n",
                    stats.pages(), stats.sections(), stats.terms(), stats.mentions(), stats.links());
            out.flush();
            return exit;
        }
    }

    /**
     * Prints, for each kind of name or link that resolved to nothing, how many and the first few with
     * their file and line; returns the other problems.
     */
    static List<ImportProblem> printUnresolved(List<ImportProblem> problems, PrintWriter out) {
        Map<Unresolved, List<ImportProblem>> byKind = new LinkedHashMap<>();
        List<ImportProblem> others = new ArrayList<>();
        for (ImportProblem p : problems) {
            Unresolved kind = Unresolved.of(p);
            if (kind == null) {
                others.add(p);
            } else {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(p);
            }
        }
        if (byKind.isEmpty()) {
            out.println("Every mention and link resolved");
            return others;
        }
        out.println("Mentions and links that resolve to nothing:");
        for (Unresolved kind : Unresolved.values()) {
            List<ImportProblem> found = byKind.getOrDefault(kind, List.of());
            if (found.isEmpty()) {
                continue;
            }
            out.printf("  %d %s%n", found.size(), kind.label);
            found.stream().limit(SHOWN_PER_KIND).forEach(p -> out.println("    " + p.file() + " (" + p.where() + "): "
                    + p.reason()));
            if (found.size() > SHOWN_PER_KIND) {
                out.println("    ... and " + (found.size() - SHOWN_PER_KIND) + " more");
            }
        }
        return others;
    }

    /** The kinds of warnings the mention resolver gives for what it cannot resolve, by their wording. */
    enum Unresolved {
        NAME("names that are no table, variable or code list of the catalog", "' names no table, variable or code list"),
        TABLE_LINK("links to the page of a table the catalog does not hold", "link to the page of table '"),
        PAGE_LINK("links to no page of the documentation", "', which is no page of the documentation", "' is not a page"),
        CONDITION("conditions on no variable of the catalog", "', which names no variable of the catalog"),
        VALUE("values that are no code of their variable's code list", "' of ", " is no code of ");

        final String label;
        final String[] wording;

        Unresolved(String label, String... wording) {
            this.label = label;
            this.wording = wording;
        }

        static Unresolved of(ImportProblem p) {
            if (p.severity() != ImportProblem.Severity.WARNING) {
                return null;
            }
            if (p.reason().startsWith("value '") && p.reason().contains(" is no code of ")) {
                return VALUE;
            }
            for (Unresolved u : values()) {
                if (u != VALUE && java.util.Arrays.stream(u.wording).anyMatch(p.reason()::contains)) {
                    return u;
                }
            }
            return null;
        }
    }
}

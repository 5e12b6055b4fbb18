package org.healthgraph.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph import}: a group of sub-commands. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data into the graph (one sub-command per format).",
        subcommands = {ImportTableSchemaCommand.class, ImportCsvDictionaryCommand.class, ImportSndsExtractCommand.class,
                ImportFhirCommand.class, ImportDocumentationCommand.class})
public final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (spec.subcommands().isEmpty()) {
            spec.commandLine().getErr().println("healthgraph import: no format is available in this build yet");
            return 2;
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

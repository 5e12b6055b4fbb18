package org.healthgraph.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph export}: a group of sub-commands. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export the catalog or the care events (one sub-command per kind).",
        subcommands = {ExportDcatCommand.class, ExportEventsCommand.class})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (spec.subcommands().isEmpty()) {
            spec.commandLine().getErr().println("healthgraph export: no format is available in this build yet");
            return 2;
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

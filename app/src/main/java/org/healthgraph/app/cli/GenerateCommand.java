package org.healthgraph.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph generate}: a group of sub-commands. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate synthetic data sets (one sub-command per kind).",
        subcommands = {GenerateLinkageCommand.class, GenerateSndsExtractCommand.class})
public final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (spec.subcommands().isEmpty()) {
            spec.commandLine().getErr().println("healthgraph generate: no format is available in this build yet");
            return 2;
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

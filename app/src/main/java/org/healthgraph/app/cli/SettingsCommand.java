package org.healthgraph.app.cli;

import java.util.concurrent.Callable;

import org.healthgraph.app.config.SettingsTable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph settings}: every {@code healthgraph.*} setting, its environment variable, default and meaning. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print every healthgraph.* setting (property, environment variable, default, meaning) as a Markdown"
                + " table, generated from the typed settings: the README's Configuration table is this output.")
public final class SettingsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SettingsTable.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

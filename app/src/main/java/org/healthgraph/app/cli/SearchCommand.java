package org.healthgraph.app.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph search}: catalog search is not part of this build yet; says so rather than pretend. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the catalog. (not available in this build yet)")
public final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("healthgraph search: catalog search is not available in this build yet");
        return 2;
    }
}

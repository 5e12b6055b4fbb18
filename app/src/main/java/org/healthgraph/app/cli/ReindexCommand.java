package org.healthgraph.app.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph reindex}: the catalog search index is not part of this build yet; says so rather than pretend. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the catalog search index from the graph. (not available in this build yet)")
public final class ReindexCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("healthgraph reindex: the catalog search index is not available in this build yet");
        return 2;
    }
}

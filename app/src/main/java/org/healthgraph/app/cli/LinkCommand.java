package org.healthgraph.app.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healthgraph link}: record linkage is not part of this build yet; says so rather than pretend. */
@Command(name = "link", mixinStandardHelpOptions = true, description = "Link records (probabilistic record linkage). (not available in this build yet)")
public final class LinkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("healthgraph link: record linkage is not available in this build yet");
        return 2;
    }
}

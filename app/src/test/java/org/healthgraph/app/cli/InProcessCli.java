package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.healthgraph.app.testing.CliRun;

import picocli.CommandLine;

/**
 * Runs the command line through picocli's own writers, leaving {@code System.out} alone: what the
 * commands print through their {@code spec} is captured.
 */
final class InProcessCli {

    private InProcessCli() {
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HealthgraphCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}

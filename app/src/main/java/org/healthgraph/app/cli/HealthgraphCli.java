package org.healthgraph.app.cli;

import java.io.PrintWriter;

import org.healthgraph.graph.GraphStoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code healthgraph} command line and of the executable jar. */
@Command(name = "healthgraph", mixinStandardHelpOptions = true, versionProvider = HealthgraphCli.Version.class,
        description = "Graph-based health data catalog and linkage engine.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class,
                GenerateCommand.class, ReindexCommand.class, SearchCommand.class, LinkCommand.class, CohortCommand.class,
                AccessTokenCommand.class,
                CommandLine.HelpCommand.class})
public final class HealthgraphCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        if (code != ServeCommand.SERVING) {
            System.exit(code);
        }
        // The server runs on its own threads until the process is stopped (Ctrl-C, SIGTERM).
    }

    /**
     * Runs the command line and returns its exit code (0 done, 1 failed, 2 bad usage), or
     * {@link ServeCommand#SERVING} when a server was started and keeps running.
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HealthgraphCli());
        cli.setExecutionExceptionHandler(HealthgraphCli::handle);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Known failures print one line naming what is wrong; only unexpected ones print a stack trace. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable known = knownCause(e);
        if (known != null) {
            err.println("healthgraph " + cli.getCommandName() + ": " + known.getMessage());
            return 1;
        }
        err.println("healthgraph " + cli.getCommandName() + ": unexpected error (" + e.getClass().getSimpleName()
                + "); details follow");
        e.printStackTrace(err);
        return 1;
    }

    static Throwable knownCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GraphStoreException || t instanceof CliException || t instanceof IllegalArgumentException
                    || t instanceof java.io.UncheckedIOException || t instanceof java.nio.file.NoSuchFileException) {
                return t;
            }
        }
        return null;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HealthgraphCli.class.getPackage().getImplementationVersion();
            return new String[] {"healthgraph " + (v == null ? "dev" : v)};
        }
    }
}

package org.healthgraph.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code healthgraph} command line and of the executable jar. */
@Command(name = "healthgraph", mixinStandardHelpOptions = true, versionProvider = HealthgraphCli.Version.class,
        description = "Graph-based health data catalog and linkage engine.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class,
                GenerateCommand.class, ReindexCommand.class, SearchCommand.class, LinkCommand.class, CohortCommand.class,
                AccessTokenCommand.class, PasswordHashCommand.class, SettingsCommand.class, PseudonymiseCommand.class, AuditCommand.class,
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
     * Runs the command line and returns its exit code (0 done, 1 failed, 2 bad usage, 3 unavailable,
     * 4 internal error: see {@link CliErrors}), or
     * {@link ServeCommand#SERVING} when a server was started and keeps running.
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HealthgraphCli());
        cli.setExecutionExceptionHandler(CliErrors::handle);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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

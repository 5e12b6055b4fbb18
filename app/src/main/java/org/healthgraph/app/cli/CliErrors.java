package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.UUID;

import org.healthgraph.app.config.SettingErrors;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

import picocli.CommandLine;

/**
 * The one place where a failure of a command becomes its message and exit code, classified by the
 * same {@link ErrorKind} as the GraphQL API's errors. A classified failure prints its message, which
 * is written for the user (it names the file, line, argument or setting and the rule); a setting that
 * does not bind names the setting; anything else is an internal error, printed as a correlation id
 * and the exception's class only (its message and stack trace may hold identifiers or internals),
 * unless {@code HEALTHGRAPH_DEBUG=1} asks for the stack trace.
 */
final class CliErrors {

    /** Exit codes (the README's table). */
    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;
    static final int INTERNAL = 4;

    private CliErrors() {
    }

    /** A failure's kind and the text shown for it. */
    record Failure(ErrorKind kind, String message) {
    }

    static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Failure failure = classify(e);
        String command = "healthgraph " + cli.getCommandName();
        if (failure.kind() == ErrorKind.INTERNAL) {
            String id = UUID.randomUUID().toString();
            err.println(command + ": internal error (correlation id " + id + ", " + e.getClass().getName()
                    + "); set HEALTHGRAPH_DEBUG=1 and run again to see the details");
            if (debug()) {
                e.printStackTrace(err);
            }
            return INTERNAL;
        }
        err.println(command + ": " + failure.message());
        return exitCode(failure.kind());
    }

    static int exitCode(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT -> FAILED;
            case UNAVAILABLE -> UNAVAILABLE;
            case INTERNAL -> INTERNAL;
        };
    }

    /** Classifies a failure: the first classified exception of its causes, a settings failure, a file the user named, or internal. */
    static Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HealthgraphException h) {
                return new Failure(h.kind(), h.getMessage());
            }
        }
        var setting = SettingErrors.describe(e);
        if (setting.isPresent()) {
            return new Failure(ErrorKind.INVALID_INPUT, setting.get());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException file) {
                return new Failure(ErrorKind.INVALID_INPUT, describe(file));
            }
            if (t instanceof UncheckedIOException io && io.getCause() instanceof FileSystemException file) {
                return new Failure(ErrorKind.INVALID_INPUT, describe(file));
            }
        }
        return new Failure(ErrorKind.INTERNAL, e.getClass().getName());
    }

    /** A file the user named that cannot be used: its path and why, never its content. */
    private static String describe(FileSystemException file) {
        String why = file instanceof NoSuchFileException ? "no such file or folder"
                : file instanceof AccessDeniedException ? "permission denied"
                : file.getReason() == null ? "cannot be used" : file.getReason().toLowerCase(Locale.ROOT);
        return file.getFile() + ": " + why;
    }

    private static boolean debug() {
        String v = System.getenv("HEALTHGRAPH_DEBUG");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }
}

package org.healthgraph.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.healthgraph.app.identity.LocalUsers;
import org.healthgraph.graphql.access.Role;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code healthgraph password-hash <user> --role R [--role R] [--stdin]}: reads a password (from the
 * terminal without echo, or with --stdin the first line of standard input) and prints the entry of
 * {@code healthgraph.security.users} for that user, with the password's bcrypt hash; the password
 * itself is never printed nor stored.
 */
@Command(name = "password-hash", mixinStandardHelpOptions = true,
        description = {"Make a local user's entry for healthgraph.security.users: name, roles and the password's bcrypt hash.",
                "The password is read from the terminal (not shown), or with --stdin from the first line of standard input."})
public final class PasswordHashCommand implements Callable<Integer> {

    /** Shorter passwords are refused. */
    static final int MIN_LENGTH = 12;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<user>", description = "the user's name (letters, digits, '.', '_', '@', '-')")
    String user;

    @Option(names = "--role", required = true, paramLabel = "<role>",
            description = "a role the user holds (READER, RESEARCHER, ANALYST, STEWARD, ADMIN); repeat for several")
    Set<String> roles;

    @Option(names = "--stdin", description = "read the password from the first line of standard input (scripts), not from the terminal")
    boolean stdin;

    @Override
    public Integer call() throws IOException {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            try {
                held.add(LocalUsers.role(role, "--role"));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        String password = readPassword();
        if (password.length() < MIN_LENGTH) {
            throw new CliException("the password has " + password.length() + " characters; give at least " + MIN_LENGTH);
        }
        String entry = user + ":" + held.stream().map(Role::name).collect(Collectors.joining("+")) + ":" + LocalUsers.hash(password);
        try {
            LocalUsers.parse(java.util.List.of(entry));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage().replace("entry 1", "<user>"));
        }
        var out = spec.commandLine().getOut();
        out.println("entry for the server's settings (several entries are separated by commas):");
        out.println("  " + LocalUsers.SETTING + "=" + entry);
        return 0;
    }

    private String readPassword() throws IOException {
        Console console = System.console();
        if (!stdin && console != null) {
            char[] typed = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (typed == null || again == null || !Arrays.equals(typed, again)) {
                throw new CliException("the two passwords differ");
            }
            return new String(typed);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new CliException("no password on standard input");
        }
        return line;
    }
}

package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.healthgraph.linkage.pseudonym.PseudonymFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healthgraph pseudonymise rotate}: re-pseudonymises a pseudonym column from a key chain to
 * the chain followed by a new key, without the identifiers ({@code HMAC(new key, old pseudonym)}).
 * New data pseudonymised with the longer chain links to the rotated file.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Re-pseudonymise a pseudonym column after a key rotation, without the identifiers.",
            "New data must then be pseudonymised with the whole chain: --key OLD ... --key NEW."})
public final class PseudonymiseRotateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The key chain that made the pseudonyms, oldest first (repeat the option).")
    List<Path> keys;

    @Option(names = "--new-key", required = true, paramLabel = "FILE", description = "The new key file.")
    Path newKey;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "CSV file with a pseudonym column.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The re-pseudonymised CSV file.")
    Path out;

    @Option(names = "--column", defaultValue = "pseudonym", paramLabel = "NAME",
            description = "The pseudonym column (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "Field separator (default: ${DEFAULT-VALUE}).")
    char delimiter;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        List<Path> chain = new ArrayList<>(keys);
        chain.add(newKey);
        PseudonymFiles.Report report = PseudonymFiles.rotate(PseudonymiseCommand.chain(chain), in, out, column, delimiter, force);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%,d rows written to %s with column %s re-pseudonymised", report.rows(), out, column);
        o.printf(Locale.ROOT, report.invalid() > 0 ? " (%,d empty values left empty)%n" : "%n", report.invalid());
        o.println("key chain now: " + PseudonymiseCommand.fingerprints(chain)
                + "; pseudonymise new data with every --key of this chain, in this order");
        return 0;
    }
}

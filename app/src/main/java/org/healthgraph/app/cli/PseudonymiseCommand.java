package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.healthgraph.linkage.pseudonym.PseudonymFiles;
import org.healthgraph.linkage.pseudonym.PseudonymKey;
import org.healthgraph.linkage.pseudonym.Pseudonymiser;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healthgraph pseudonymise}: replaces the identifying columns of a CSV file (national id,
 * birth date, sex) by their keyed-hash pseudonym (docs/linkage.md, Pseudonymisation); {@code
 * pseudonymise rotate} re-pseudonymises a pseudonym column after a key rotation. The key is read
 * from a file and never printed: only its fingerprint is.
 */
@Command(name = "pseudonymise", aliases = "pseudonymize", mixinStandardHelpOptions = true,
        subcommands = PseudonymiseRotateCommand.class,
        description = {"Write a copy of a CSV file with the keyed-hash pseudonym (HMAC-SHA-256 of national id, birth date "
                + "and sex) in place of the identifying columns.",
            "The output is written to a temporary file and renamed when complete; an existing output is replaced only with --force."})
public final class PseudonymiseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Key file (base64 text or at least 32 raw bytes). Repeat it to give a rotated key chain, oldest first.")
    List<Path> keys;

    @Option(names = "--in", paramLabel = "FILE", description = "CSV file with a header line.")
    Path in;

    @Option(names = "--columns", split = ",", paramLabel = "NIR,BIRTH_DATE,SEX",
            description = "The national id, birth date and sex columns, in that order.")
    List<String> columns;

    @Option(names = "--out", paramLabel = "FILE", description = "The pseudonymised CSV file.")
    Path out;

    @Option(names = "--pseudonym-column", defaultValue = "pseudonym", paramLabel = "NAME",
            description = "Name of the pseudonym column (default: ${DEFAULT-VALUE}).")
    String pseudonymColumn;

    @Option(names = "--keep-identifiers", description = "Keep the identifying columns in the output (dropped by default).")
    boolean keepIdentifiers;

    @Option(names = "--allow-invalid",
            description = "Leave the pseudonym empty for rows whose identifiers are invalid, and count them, instead of stopping.")
    boolean allowInvalid;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "Field separator (default: ${DEFAULT-VALUE}).")
    char delimiter;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        require(keys, "--key");
        require(in, "--in");
        require(columns, "--columns");
        require(out, "--out");
        Pseudonymiser pseudonymiser = chain(keys);
        PseudonymFiles.Report report = PseudonymFiles.pseudonymise(pseudonymiser, in, out,
                new PseudonymFiles.Options(columns, pseudonymColumn, keepIdentifiers, allowInvalid, delimiter, force));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%,d rows written to %s with column %s; identifying columns %s%n", report.rows(), out,
                pseudonymColumn, keepIdentifiers ? "kept" : "dropped");
        if (report.invalid() > 0) {
            o.printf(Locale.ROOT, "%,d rows had invalid identifiers and were left without a pseudonym%n", report.invalid());
        }
        o.println("key chain: " + fingerprints(keys));
        return 0;
    }

    private void require(Object value, String option) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
        }
    }

    /** A pseudonymiser over a chain of key files, oldest first. */
    static Pseudonymiser chain(List<Path> keyFiles) {
        Pseudonymiser p = Pseudonymiser.withKey(PseudonymKey.fromFile(keyFiles.getFirst()));
        for (Path k : keyFiles.subList(1, keyFiles.size())) {
            p = p.rotatedTo(PseudonymKey.fromFile(k));
        }
        return p;
    }

    /** The keys' fingerprints (never the keys): tells which chain was used. */
    static String fingerprints(List<Path> keyFiles) {
        return keyFiles.size() + (keyFiles.size() == 1 ? " key" : " keys") + ", fingerprints "
                + String.join(" -> ", keyFiles.stream().map(k -> PseudonymKey.fromFile(k).fingerprint()).toList());
    }
}

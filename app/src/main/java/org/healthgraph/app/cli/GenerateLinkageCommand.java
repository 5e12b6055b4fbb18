package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healthgraph generate linkage}: a record-linkage benchmark (national file, cohort, truth, configuration). */
@Command(name = "linkage", mixinStandardHelpOptions = true,
        description = "Generate a record-linkage benchmark: national.csv, cohort.csv (corrupted), truth.csv, linkage.yaml.")
public final class GenerateLinkageCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--situation", defaultValue = "identifiers", paramLabel = "NAME",
            description = "identifiers (names, birth date, sex, postcode), quasi-identifiers (the SNDS indirect case) or register (a cohort typed by its participants against a register of birth names).")
    String situation;

    @Option(names = "--national", defaultValue = "1000000", description = "National records (default 1,000,000).")
    int national;

    @Option(names = "--cohort", defaultValue = "5000", description = "Cohort records (default 5,000).")
    int cohort;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (same seed, same files).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Override
    public Integer call() {
        try {
            LinkageGenerator.Generated g = LinkageGenerator.generate(LinkageGenerator.Situation.parse(situation), national,
                    cohort, seed, out);
            // The suggested output goes beside the generated files, not into the current folder.
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d national and %,d cohort records (%,d true matches) in %s; "
                    + "link them with: healthgraph link --config %s --out %s --evaluate %s%n",
                    national, cohort, g.matches(), out, g.config(), out.resolve("links.csv"), g.truth());
            return 0;
        } catch (LinkageException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}

package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.healthgraph.importers.synthetic.SndsExtractGenerator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code healthgraph generate snds-extract --patients N --seed S DIR}. */
@Command(name = "snds-extract", mixinStandardHelpOptions = true,
        description = "Write a synthetic SNDS-shaped extract (2022-2023) that `import snds-extract` reads: realistic ages,"
                + " sexes, départements, dispensings, stays, deaths, and planted patterns (statins after myocardial"
                + " infarction, metformin for diabetes). The same seed gives the same files.")
public final class GenerateSndsExtractCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--patients", defaultValue = "10000", description = "Number of patients (default ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write the CSV files into (created if needed).")
    Path dir;

    @Override
    public Integer call() {
        if (patients < 1) {
            throw new CliException("--patients must be at least 1, got " + patients);
        }
        long t0 = System.nanoTime();
        SndsExtractGenerator.Summary s = new SndsExtractGenerator(seed).generate(patients, dir);
        spec.commandLine().getOut().printf("wrote %,d patients (%,d dispensings, %,d stays, %,d deaths) in %d files to %s in %.1f s%n",
                s.patients(), s.dispensings(), s.stays(), s.deaths(), s.files(), dir, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}

package org.healthgraph.bench.linkage;

import java.nio.file.Path;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;

/**
 * Writes the data of one linkage situation for a benchmark run in another JVM (the Spark linkage,
 * bench/run-spark-linkage.sh): the generator's files and configuration, as {@link LinkageBench}
 * generates them. Arguments: situation national cohort seed dir. Prints the configuration's and
 * the truth's paths, one per line.
 */
public final class LinkageBenchData {

    private LinkageBenchData() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: SITUATION NATIONAL COHORT SEED DIR");
        }
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.parse(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Long.parseLong(args[3]), Path.of(args[4]));
        System.out.println(g.config());
        System.out.println(g.truth());
    }
}

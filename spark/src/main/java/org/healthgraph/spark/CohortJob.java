package org.healthgraph.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.journeys.AttritionStep;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.Pathways;
import org.healthgraph.journeys.parquet.EventsLayout;

/**
 * The {@code spark-submit} entry point of cohort counting (docs/scale-out.md):
 * <pre>
 * spark-submit --class org.healthgraph.spark.CohortJob healthgraph-spark.jar \
 *     --events DIR --query FILE [--query FILE...] [--partitions N] [--repeat N]
 * </pre>
 * For each query file (the JSON of docs/trajectories.md), prints the released count, attrition and
 * pathways (suppressed below the query's threshold, as {@code healthgraph cohort} prints them) and
 * the time taken; {@code --repeat} runs each query again to time it on warm executors.
 */
public final class CohortJob {

    private CohortJob() {
    }

    public static void main(String[] args) {
        String events = null;
        List<Path> queries = new ArrayList<>();
        int partitions = -1;
        int repeat = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--events" -> events = required(args[i], value);
                case "--query" -> queries.add(Path.of(required(args[i], value)));
                case "--partitions" -> partitions = Integer.parseInt(required(args[i], value));
                case "--repeat" -> repeat = Integer.parseInt(required(args[i], value));
                default -> throw new SparkJobException("unknown argument " + args[i]
                        + "; usage: --events DIR --query FILE [--query FILE...] [--partitions N] [--repeat N]");
            }
            i++;
        }
        if (events == null || queries.isEmpty()) {
            throw new SparkJobException("usage: --events DIR --query FILE [--query FILE...] [--partitions N] [--repeat N]");
        }
        SparkSession spark = SparkSession.builder().appName("healthgraph cohort").getOrCreate();
        try {
            SparkCohorts job = SparkCohorts.on(spark);
            if (partitions > 0) {
                job = job.with(partitions, SparkCohorts.DEFAULT_BATCH);
            }
            EventsLayout layout = job.layout(events);
            System.out.printf("events: %,d patients, %,d events in %d buckets; Spark %s, master %s, %d partitions%n",
                    layout.patients(), layout.events(), layout.buckets().size(), spark.version(),
                    spark.sparkContext().master(), partitions > 0 ? partitions
                            : Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
            for (Path file : queries) {
                CohortQuery query = CohortQueries.read(file).query();
                for (int run = 1; run <= repeat; run++) {
                    long t0 = System.nanoTime();
                    long cpu0 = cpuNanos();
                    CohortResult r = job.cohort(events, query, Disclosure.exact());
                    double cpu = (cpuNanos() - cpu0) / 1e9;
                    // In local mode the driver and the executors are this JVM: its CPU time is the job's,
                    // a measure of work that other processes on the machine do not inflate.
                    System.out.printf("%s (run %d): cohort %s patients in %.2f s, %.1f s of CPU in this JVM (%,.0f events"
                            + " per CPU second)%n", file.getFileName(), run, r.count(), (System.nanoTime() - t0) / 1e9, cpu,
                            layout.events() / cpu);
                    if (run == repeat) {
                        print(r);
                    }
                }
            }
        } finally {
            spark.stop();
        }
    }

    private static void print(CohortResult r) {
        for (AttritionStep s : r.attrition()) {
            System.out.printf("  %d. %-50s %s%n", s.step(), s.label(), s.patients());
        }
        r.pathways().ifPresent(p -> {
            System.out.println("pathways:");
            for (Pathways.Link l : p.links()) {
                System.out.printf("  %s -> %s: %s%n", l.source(), l.target(), l.patients());
            }
        });
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new SparkJobException(option + " needs a value");
        }
        return value;
    }
}

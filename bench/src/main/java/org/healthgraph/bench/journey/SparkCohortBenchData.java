package org.healthgraph.bench.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.AttritionStep;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.healthgraph.journeys.parquet.ParquetEvents;

/**
 * The single-machine half of the Spark benchmark (bench/run-spark.sh).
 * {@code SparkCohortBenchData PATIENTS WORK}: generates an SNDS-shaped extract of PATIENTS patients
 * (seed 42, as bench/run-journeys.sh), reads it, writes its care events as Parquet in WORK/events
 * ({@link ParquetEvents}, 64 buckets) and the benchmark's queries as JSON files in WORK/queries,
 * then runs each query in the single-machine timeline engine (candidate-driven and full scan, best
 * of 5) and prints its released attrition, for the Spark job's to be compared with.
 */
public final class SparkCohortBenchData {

    private SparkCohortBenchData() {
    }

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        long t = System.nanoTime();
        var gen = new SndsExtractGenerator(42).generate(patients, work.resolve("extract"));
        System.out.printf("generate snds-extract: %,d patients, %,d dispensings, %,d stays in %.1f s%n", patients,
                gen.dispensings(), gen.stays(), secs(t));
        t = System.nanoTime();
        SndsExtractImporter.Extract ex = new SndsExtractImporter().read(work.resolve("extract"));
        System.out.printf("read extract: %,d patients, %,d events in %.1f s%n", ex.report().patients(), ex.report().events(),
                secs(t));
        t = System.nanoTime();
        EventsLayout layout = ParquetEvents.write(work.resolve("events"), ParquetEvents.DEFAULT_BUCKETS,
                sink -> ex.patients().forEach(sink));
        long bytes;
        try (var files = Files.walk(work.resolve("events"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("export events --format parquet: %,d patients, %,d events, %d buckets, %,d bytes in %.1f s%n",
                layout.patients(), layout.events(), layout.buckets().size(), bytes, secs(t));
        Files.createDirectories(work.resolve("queries"));
        try (CohortService local = CohortService.inMemory(ex.patients())) {
            Map<String, CohortQuery> queries = new LinkedHashMap<>();
            queries.put("mi-statin", JourneyBench.MI_STATIN);
            queries.put("mi-statin-alive", JourneyBench.MI_STATIN_ALIVE);
            queries.put("metformin-3-in-180", JourneyBench.METFORMIN_3_IN_180);
            for (Map.Entry<String, CohortQuery> q : queries.entrySet()) {
                Files.writeString(work.resolve("queries").resolve(q.getKey() + ".json"), CohortQueries.toJson(q.getValue()));
                double candidates = best(() -> local.rawAttrition(q.getValue()));
                double full = best(() -> local.rawAttritionFullScan(q.getValue()));
                CohortResult r = local.cohort(q.getValue());
                System.out.printf("%s.json single machine: cohort %s patients; timeline engine %.1f ms (candidates), %.1f ms"
                        + " (full scan), best of 5%n", q.getKey(), r.count(), candidates, full);
                for (AttritionStep s : r.attrition()) {
                    System.out.printf("  %d. %-50s %s%n", s.step(), s.label(), s.patients());
                }
            }
        }
    }

    private static double best(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

}

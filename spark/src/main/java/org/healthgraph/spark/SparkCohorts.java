package org.healthgraph.spark;

import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.CohortPartial;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.healthgraph.spark.internal.EventsFolder;
import org.healthgraph.spark.internal.PatientBatches;

/**
 * Cohort counting on Spark over care events stored as Parquet partitioned by patient (written by
 * {@code healthgraph export events --format parquet}; {@link EventsLayout}). The folder is checked
 * against its layout file first (missing buckets, columns of another type: an error naming the
 * file). The rows are then hash-partitioned by patient and sorted within each partition (Spark's
 * external sort: it spills to disk when a partition outgrows the executor's memory), each partition
 * rebuilds its patients' journeys in batches and evaluates them with the journeys module's own
 * engine, and the partials are merged on the driver ({@link CohortPartial}) and released exactly as
 * the single-machine {@code CohortService} releases them: suppression of small counts and the
 * optional cell-key perturbation are the same code.
 *
 * <p>Queries restricted to a project are refused: the Parquet layout does not hold projects.
 */
public final class SparkCohorts {

    /** Patients evaluated at once in a task: a few MB of journeys. */
    public static final int DEFAULT_BATCH = 10_000;

    private final SparkSession spark;
    private final int partitions;
    private final int batch;

    private SparkCohorts(SparkSession spark, int partitions, int batch) {
        this.spark = spark;
        this.partitions = partitions;
        this.batch = batch;
    }

    /** Jobs on {@code spark}, with as many partitions as its {@code spark.sql.shuffle.partitions}. */
    public static SparkCohorts on(SparkSession spark) {
        return new SparkCohorts(spark, Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")), DEFAULT_BATCH);
    }

    /** These jobs with {@code partitions} partitions of patients and {@code batch} patients per evaluation. */
    public SparkCohorts with(int partitions, int batch) {
        if (partitions < 1 || batch < 1) {
            throw new SparkJobException("partitions and batch must be at least 1, got " + partitions + " and " + batch);
        }
        return new SparkCohorts(spark, partitions, batch);
    }

    /** The layout of {@code folder}, after checking the folder against it. */
    public EventsLayout layout(String folder) {
        return EventsFolder.check(folder, spark.sparkContext().hadoopConfiguration()).layout();
    }

    /**
     * Counts, attrition and pathways of {@code query} over the events of {@code folder}, released under
     * {@code disclosure} and suppressed below the query's threshold.
     */
    public CohortResult cohort(String folder, CohortQuery query, Disclosure disclosure) {
        Optional<byte[]> key = disclosure instanceof Disclosure.CellKey c ? Optional.of(c.key()) : Optional.empty();
        return evaluate(folder, query, key, false).release(query, disclosure);
    }

    /**
     * The raw, merged aggregates of {@code query} over the events of {@code folder} (for tests,
     * benchmarks and callers that release them themselves).
     *
     * @param cellKey the key of the cell-key perturbation the result will be released with, if any
     * @param keepIds whether to collect the ids of the cohort's patients (to the driver: mind its memory)
     */
    public CohortPartial evaluate(String folder, CohortQuery query, Optional<byte[]> cellKey, boolean keepIds) {
        if (query.projectCode().isPresent()) {
            throw new SparkJobException(ErrorKind.INVALID_INPUT, "a query restricted to a project cannot run on Spark:"
                    + " the Parquet events do not hold projects", null);
        }
        EventsFolder events = EventsFolder.check(folder, spark.sparkContext().hadoopConfiguration());
        if (events.bucketFolders().isEmpty()) {
            return CohortPartial.empty(query, cellKey.isPresent(), keepIds);
        }
        Dataset<Row> rows = spark.read().schema(EventsFolder.SCHEMA)
                .parquet(events.bucketFolders().toArray(String[]::new))
                .select(EventsFolder.SCHEMA.fieldNames()[0], java.util.Arrays.copyOfRange(EventsFolder.SCHEMA.fieldNames(), 1,
                        EventsFolder.SCHEMA.fieldNames().length))
                .repartition(partitions, functions.col(EventsLayout.PATIENT_ID))
                .sortWithinPartitions(EventsLayout.PATIENT_ID, EventsLayout.EVENT_NO);
        PatientBatches perPartition = new PatientBatches(CohortQueries.toJson(query), cellKey.orElse(null), keepIds, batch);
        return rows.javaRDD().mapPartitions(perPartition).reduce(CohortPartial::merge);
    }
}

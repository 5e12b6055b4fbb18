/**
 * Care events as Parquet files partitioned by patient, for engines that run outside the
 * healthgraph process (the Spark module's cohort job): the layout ({@link EventsLayout}: bucket
 * folders {@code patient_bucket=N}, each patient wholly in one, and one layout file naming them) and
 * its writer ({@link ParquetEvents}, through DuckDB, an optional dependency that only a writer's
 * classpath holds). docs/scale-out.md describes the layout.
 */
package org.healthgraph.journeys.parquet;

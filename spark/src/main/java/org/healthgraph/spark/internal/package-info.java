/**
 * How the Spark jobs read their inputs: the checks of a Parquet events folder against its layout
 * file and the expected columns (naming the file at fault), and the per-partition function that
 * rebuilds patients' journeys from their sorted rows and evaluates them in batches.
 */
package org.healthgraph.spark.internal;

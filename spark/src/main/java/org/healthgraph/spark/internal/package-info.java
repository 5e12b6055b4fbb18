/**
 * How the Spark jobs read their inputs and what their tasks run: the checks of a Parquet events
 * folder against its layout file and the expected columns (naming the file at fault), and the
 * per-partition function that rebuilds patients' journeys from their sorted rows and evaluates them
 * in batches; for the linkage, the scoring kernel that each JVM builds once and the per-partition
 * functions that make the blocking key rows and weigh the candidate pairs.
 */
package org.healthgraph.spark.internal;

/**
 * Apache Spark jobs for populations that outgrow one machine: cohort counting over care events
 * stored as Parquet partitioned by patient ({@link org.healthgraph.spark.SparkCohorts}), each
 * patient evaluated by the journeys module's own engine and the partial aggregates merged and
 * released as the single-machine service releases them; and record linkage
 * ({@link org.healthgraph.spark.SparkLinkage}), the candidate pairs joined on the blocking keys and
 * weighed on Spark by the linkage module's own scoring kernel, the links decided by the same code
 * as on one machine. Never a dependency of the application: jobs are submitted to a cluster with
 * {@code spark-submit} (docs/scale-out.md).
 */
package org.healthgraph.spark;

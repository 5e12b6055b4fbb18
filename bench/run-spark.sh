#!/usr/bin/env bash
# Spark benchmark (issue 17, item 4): the Spark cohort job in local mode against the single-machine
# timeline engine on the same SNDS-shaped data, in one run.
# Usage: bench/run-spark.sh [patients] [work-dir]   (default 200000; the work dir is kept if given)
#   1. bench module (SparkCohortBenchData): generate the extract (seed 42, as run-journeys.sh), read it,
#      export its events as Parquet (WORK/events, 64 buckets), time the three queries in the timeline
#      engine (candidate-driven and full scan, best of 5) and print their attrition;
#   2. spark module (CohortJob, as spark-submit runs it): the same queries on WORK/events in Spark local
#      mode (SPARK_MASTER, default local[2]; SPARK_PARTITIONS, default 8), each run SPARK_REPEAT times
#      (default 3; the first pays for the JIT and Spark's start), and their attrition, to compare with step 1's.
# JVM options: BENCH_JAVA_OPTS (default -Xmx8g) for step 1, SPARK_JAVA_OPTS (default -Xmx6g) for step 2.
# SPARK_ONLY=1 with a kept work dir: step 2 only, on the events and queries step 1 left there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
patients="${1:-200000}"
work="${2:-$(mktemp -d)}"
keep="${2:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SPARK_ONLY:-}" = 1 ] && [ -f "$work/events/_healthgraph_events.json" ]; then
  echo "SPARK_ONLY=1: reusing $work/events and $work/queries (the single-machine half is not run)"
else
  "$root/bench/run-main.sh" org.healthgraph.bench.journey.SparkCohortBenchData "$patients" "$work"
  echo "load average after the single-machine half: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

trap '[ -n "$keep" ] || rm -rf "$work"' EXIT
spark_default_opts="-Xmx6g"
# shellcheck source=bench/spark-launch.sh
. "$root/bench/spark-launch.sh"
queries=()
for q in "$work"/queries/*.json; do queries+=(--query "$q"); done
spark_main "$work/spark-local" org.healthgraph.spark.CohortJob --events "$work/events" "${queries[@]}" --repeat "${SPARK_REPEAT:-3}"
echo "load average after the Spark half: $(cut -d' ' -f1-3 /proc/loadavg)"

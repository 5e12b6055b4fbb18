#!/usr/bin/env bash
# Spark linkage benchmark (issue 17, item 3a): the linkage scored on Spark in local mode against the
# single-machine engine, on the same data and the same model, in one run.
# Usage: bench/run-spark-linkage.sh [national=1000000] [cohort=5000] [seed=7] [situation...]
#   (situations: identifiers, quasi-identifiers, register; default all three)
#   1. bench module (LinkageBenchData): the generator's files and linkage.yaml, as bench/run-linkage.sh;
#   2. spark module (LinkJob, as spark-submit runs it, with --check): the configuration read and the
#      model trained on the driver, the pairs joined and scored in Spark local mode (SPARK_MASTER,
#      default local[2]; SPARK_PARTITIONS, default 8), the links decided; then the single-machine
#      engine scores the same inputs with the same model in the same JVM; both rows print wall time,
#      CPU time of the JVM, pairs scored and F1 against the truth, and whether the links are identical.
# JVM options: SPARK_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC). Run one benchmark at a time: wall times scale with the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
national="${1:-1000000}"
cohort="${2:-5000}"
seed="${3:-7}"
shift $(( $# < 3 ? $# : 3 ))
situations=("$@")
[ ${#situations[@]} -gt 0 ] || situations=(identifiers quasi-identifiers register)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
spark_default_opts="-Xmx4g -XX:+UseParallelGC"
# shellcheck source=bench/spark-launch.sh
. "$root/bench/spark-launch.sh"
for situation in "${situations[@]}"; do
  data="$work/$situation"
  mapfile -t files < <("$root/bench/run-main.sh" org.healthgraph.bench.linkage.LinkageBenchData "$situation" "$national" \
    "$cohort" "$seed" "$data")
  echo "== $situation: $cohort x $national, seed $seed; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  spark_main "$data/spark-local" org.healthgraph.spark.LinkJob --config "${files[0]}" --truth "${files[1]}" \
    --out "$data/links.csv" --check
  echo "load average after $situation: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$data"
done

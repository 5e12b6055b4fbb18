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
cpfile="$(mktemp)"
trap 'rm -rf "$work" "$cpfile"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$jdk/bin/javac" ] || { echo "bench: no JDK at $jdk; set JAVA_HOME to a JDK 21 or newer" >&2; exit 1; }
export JAVA_HOME="$jdk"
"$root/mvnw" -B -q -f "$root/pom.xml" -pl spark -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >&2
# The JVM options Spark's own launcher gives (spark/pom.xml, hg.jvm.spark).
opens="$("$root/mvnw" -B -q -f "$root/spark/pom.xml" help:evaluate -Dexpression=hg.jvm.spark -DforceStdout)"
export SPARK_LOCAL_IP=127.0.0.1
for situation in "${situations[@]}"; do
  data="$work/$situation"
  mapfile -t files < <("$root/bench/run-main.sh" org.healthgraph.bench.linkage.LinkageBenchData "$situation" "$national" \
    "$cohort" "$seed" "$data")
  echo "== $situation: $cohort x $national, seed $seed; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  mkdir -p "$data/spark-local"
  # shellcheck disable=SC2086 # the option lists hold several options on purpose
  "$jdk/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $opens \
    ${SPARK_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} \
    -Dspark.master="${SPARK_MASTER:-local[2]}" -Dspark.ui.enabled=false \
    -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -Dspark.sql.shuffle.partitions="${SPARK_PARTITIONS:-8}" -Dspark.local.dir="$data/spark-local" \
    -Dlog4j2.level=warn \
    -cp "$root/spark/target/classes:$(cat "$cpfile")" org.healthgraph.spark.LinkJob --config "${files[0]}" \
    --truth "${files[1]}" --out "$data/links.csv" --check
  echo "load average after $situation: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$data"
done

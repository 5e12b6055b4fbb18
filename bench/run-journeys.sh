#!/usr/bin/env bash
# Patient-journey benchmark: generate an SNDS-shaped extract of N patients, import it into Neo4j and
# the timeline index, and run the same cohort queries in the timeline engine, Cypher and DuckDB SQL.
# Usage: bench/run-journeys.sh [patients] [work-dir]   (default 100000; the work dir is kept if given)
set -euo pipefail
cd "$(dirname "$0")/.."
is_21_plus() { "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_21_plus "$JAVA_HOME"; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ] && is_21_plus "$candidate"; then export JAVA_HOME="$candidate"; break; fi
  done
fi
[ -n "${JAVA_HOME:-}" ] && is_21_plus "$JAVA_HOME" || { echo "the journey benchmark needs a JDK 21 or newer: set JAVA_HOME" >&2; exit 1; }
mvn -B -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx12g -XX:+UseParallelGC} \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.healthgraph.bench.journey.JourneyBench "$@"

#!/usr/bin/env bash
# The cohort engine at population scale, without Neo4j: generate N SNDS-shaped patients in chunks,
# build and save the timeline index and a DuckDB database file in the work dir, open the index from
# its file (memory-mapped), and run the benchmark's queries with the candidate-driven engine, the
# full scan and DuckDB's hand-written SQL in the same run.
# Usage: bench/run-journeys-scale.sh patients work-dir [chunk]   (chunk default 250000)
# JVM options: BENCH_JAVA_OPTS (default -Xmx12g -XX:+UseParallelGC).
set -euo pipefail
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx12g -XX:+UseParallelGC}"
exec "$(dirname "$0")/run-main.sh" org.healthgraph.bench.journey.IndexScaleBench "$@"

#!/usr/bin/env bash
# Record linkage benchmark: Fellegi-Sunter engine vs the SNDS tiered baseline on generated data.
# Usage: bench/run-linkage.sh [national=1000000] [cohort=5000] [seed=7]
# Delegates to run-main.sh (picks a JDK >= 21, builds with ./mvnw); BENCH_JAVA_OPTS overrides the heap.
set -euo pipefail
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC}"
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.healthgraph.bench.linkage.LinkageBench "$@"

#!/usr/bin/env bash
# Record linkage benchmark: Fellegi-Sunter engine vs the SNDS tiered baseline on generated data.
# Usage: bench/run-linkage.sh [national=1000000] [cohort=5000] [seed=7]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/linkage.classpath" \
  -Dmdep.includeScope=runtime >/dev/null
CP="bench/target/classes:$(cat bench/target/linkage.classpath)"
exec java -Xmx4g -XX:+UseParallelGC -cp "$CP" org.healthgraph.bench.linkage.LinkageBench "$@"

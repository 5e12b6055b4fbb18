#!/usr/bin/env bash
# The same small workload on each graph backend (embedded Neo4j, embedded TinkerGraph, a Gremlin
# Server in its own JVM), figures side by side (docs/scale-out.md).
# Usage: bench/run-backends.sh [patients] [workDir]   (default: 2000 patients, a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
if [[ -z "$version" || "$version" -lt 21 ]]; then
  echo "The benchmark needs a JDK 21 or newer: set JAVA_HOME (found: ${version:-none})." >&2
  exit 1
fi
extra=()
[[ "$version" -ge 24 ]] && extra+=(--sun-misc-unsafe-memory-access=allow)
./mvnw -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx3g "${extra[@]}" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.healthgraph.bench.backends.BackendBench "$@"

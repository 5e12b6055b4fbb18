#!/usr/bin/env bash
# Imports the whole of schema-snds into a fresh embedded Neo4j and prints the time and rows per
# second beside the peer (Neo4j's embedded API creating the same nodes without relationships).
# Usage: bench/run-catalog-import.sh [path/to/schema-snds]   (default: shared/schema-snds beside the repo)
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
mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx3g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.healthgraph.bench.catalog.CatalogImportBenchmark "$@"

#!/usr/bin/env bash
# Runs one benchmark main class with the bench module's classpath, built from this checkout.
#   bench/run-main.sh org.healthgraph.bench.graphql.GraphqlLoad [args...]
# BENCH_JAVA_OPTS adds JVM options (default -Xmx8g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
main="${1:?usage: bench/run-main.sh MAIN_CLASS [args...]}"; shift
jdk=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
  v="$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then jdk="$d"; break; fi
done
[ -n "$jdk" ] || { echo "bench: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME="$jdk"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
"$root/mvnw" -B -q -f "$root/pom.xml" -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >&2
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options on purpose
exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx8g} \
  -cp "$root/bench/target/classes:$(cat "$cpfile")" "$main" "$@"

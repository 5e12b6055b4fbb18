#!/usr/bin/env bash
# Longer fuzzing of every reader of outside input (Jazzer, importers/.../fuzz): each target fuzzed for
# DURATION in a JVM of its own, then a table of the inputs tried, the speed and the coverage per target.
#   bench/run-fuzz.sh [duration=5m]     (Jazzer durations: 30s, 5m, 1h)
# A finding fails its target and is written under importers/src/test/resources/.../fuzz/<Target>Inputs/,
# where every later build replays it; the corpus grown by each run is kept in importers/.cifuzz-corpus/
# (not committed) and seeds the next run. Run it alone on the machine, e.g. bench/run-fuzz.sh 5m
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${1:-5m}"
# The JDK the launcher would pick (JAVA_HOME, else Temurin 25), and Maven's own flag for JDK 24+.
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
t0=$(date +%s)
./mvnw -B -pl importers -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.only=true \
  -Dfuzz=1 -Dfuzz.duration="$duration" > "$log" 2>&1
status=$?
[ "$status" = 0 ] || grep -E "^\[ERROR\]" "$log" | head -20
echo "fuzzing: each target for $duration; exit $status; $(( $(date +%s) - t0 )) s in all (build included)"
printf '%-24s %10s %8s %8s %6s  %s\n' target inputs seconds "exec/s" cov finding
awk '
  /Running org\.healthgraph\.importers\.fuzz\./ { split($3, a, "."); target = a[length(a)]; cov = ""; done = ""; secs = "" }
  /#[0-9]+[ \t]+(DONE|pulse|NEW|REDUCE|INITED)/ { for (i = 1; i <= NF; i++) if ($i == "cov:") cov = $(i + 1) }
  /^Done [0-9]+ runs in [0-9]+ second/ { done = $2; secs = $5 }
  /FuzzTestFindingException/ && target != "" { finding[target] = 1 }
  /Tests run: .* in org\.healthgraph\.importers\.fuzz\./ && target != "" {
    rate = (secs > 0) ? done / secs : 0
    printf "%-24s %10s %8s %8.0f %6s  %s\n", target, done, secs, rate, cov, (finding[target] ? "yes (see above the table)" : "none")
    target = ""
  }' "$log"
grep -E "AssertionError: |Test unit written to" "$log" | sort -u | cut -c1-400
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status

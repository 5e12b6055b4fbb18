#!/usr/bin/env bash
# Cohort cost and cancellation, measured over HTTP (issue 14, item 3): generates an SNDS-shaped
# extract of N patients, imports it into a fresh data folder, starts the server on 127.0.0.1 with
# a short time limit and one cohort worker, and prints:
#   - a light cohort and a trivial request ({ version }) alone (median of 10);
#   - a heavy cohort (every dispensing a candidate index, 50 rules each reading the whole timeline)
#     with the time of its answer (408/503 at the time limit) and the time until the cohort worker is
#     free again (a light cohort sent by another client the moment the heavy one is answered waits in
#     the worker's queue until the heavy evaluation has stopped: its wait is the cancel latency);
#   - trivial requests sent every 100 ms while the heavy cohort runs (median, max);
#   - ten aliases of the heavy cohort in one request (at most healthgraph.cohorts.max-per-request run,
#     one after another, all stopped at the request's time limit).
# The cost limit is raised (healthgraph.graphql.max-complexity) so that the heavy cohort runs at all:
# with the default limit it is refused before running (the refusal is printed first, with the cost).
#   bench/run-cohort-cost.sh [patients=20000] [timeout=1s]   (the heavy cohort takes about 2 s on 20,000 patients)
# Run it alone on the machine, so that no other benchmark runs meanwhile. BENCH_DATA_DIR=<folder>
# keeps the imported data there and reuses it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
patients="${1:-20000}"
timeout="${2:-1s}"
if [ -n "${BENCH_DATA_DIR:-}" ]; then data="$BENCH_DATA_DIR"; keep=1; mkdir -p "$data"; else data="$(mktemp -d)"; keep=0; fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; [ "$keep" = 1 ] || rm -rf "$data"; }
trap cleanup EXIT

./healthgraph --version >/dev/null   # builds the jar if needed
# The server runs from a copy: a build of the sources meanwhile must not change the jar under it.
cp app/target/healthgraph.jar "$data/healthgraph.jar"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jvm=(--enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow -jar "$data/healthgraph.jar")
hg() { "$java" "${jvm[@]}" "$@"; }
if [ ! -f "$data/.bench-imported" ]; then
  hg generate snds-extract --patients "$patients" "$data/extract" > /dev/null
  hg import snds-extract --data-dir "$data/db" "$data/extract" > "$data/import.log" 2>&1
  touch "$data/.bench-imported"
fi

. "$root/bench/bench-user.sh"
bench_user RESEARCHER hg
serve() { # $1: max complexity
  # Started directly (not through hg), so that $! is the server's own pid.
  "$java" "${jvm[@]}" serve --data-dir "$data/db" --port "$port" --setting "healthgraph.graphql.timeout=$timeout" \
    --setting healthgraph.cohorts.workers=1 --setting "healthgraph.graphql.max-complexity=$1" --setting "$bench_setting" \
    > "$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 480); do
    if [ -z "${BENCH_AUTHORIZATION:-}" ] && curl -s -m 1 "http://127.0.0.1:$port/actuator/health" | grep -q UP; then
      BENCH_AUTHORIZATION="Bearer $(bench_token "http://127.0.0.1:$port")"; export BENCH_AUTHORIZATION
    fi
    [ -n "${BENCH_AUTHORIZATION:-}" ] && curl -s -m 2 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "Authorization: $BENCH_AUTHORIZATION" \
      -d '{"query":"{ cohort(query: {index: {event: {types: [DEATH]}}}) { count { suppressed } } }"}' \
      "http://127.0.0.1:$port/graphql" | grep -q 200 && return 0
    sleep 0.5
  done
  echo "run-cohort-cost: the server did not get ready (see $data/server.log)" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; unset BENCH_AUTHORIZATION; }

echo "run-cohort-cost: $patients patients, time limit $timeout, one cohort worker; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
serve 100000
python3 "$root/bench/cohort_cost.py" "http://127.0.0.1:$port/graphql" refusal
stop
serve 2000000000
python3 "$root/bench/cohort_cost.py" "http://127.0.0.1:$port/graphql" run
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

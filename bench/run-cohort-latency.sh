#!/usr/bin/env bash
# Cohort latency through GraphQL, end to end: starts `healthgraph serve` on a data folder holding
# patients and their saved timeline index (e.g. WORK/neo4j after bench/run-journeys.sh N WORK), logs in a
# local user with the RESEARCHER role (allowed to run cohorts, no patient-level access: counts are
# released under the cell-key perturbation and the audit trail records each run, as for such a user),
# waits for the first cohort to be answered, then sends each benchmark query as a GraphQL HTTP request,
# one at a time (warm-up first), and prints p50 / p95 / max of the round trip beside the engine's own time
# for the same query over the same saved index in the bench JVM, with the index event's share of patients.
# Usage: bench/run-cohort-latency.sh DATA_DIR [requests=200] [warm-up=50] [port=18632]
# HEALTHGRAPH_JAVA_OPTS: the server's JVM options (e.g. -XX:StartFlightRecording=filename=x.jfr to profile);
# BENCH_JAVA_OPTS: the client's. The server is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:?usage: bench/run-cohort-latency.sh DATA_DIR [requests] [warm-up] [port]}"
requests="${2:-200}"
warmup="${3:-50}"
port="${4:-18632}"
[ -d "$data/journeys" ] || { echo "run-cohort-latency: $data/journeys is missing: no saved timeline index in that data folder" >&2; exit 1; }
log="$(mktemp)"
"$root/healthgraph" --help >/dev/null # builds the jar first if sources changed
. "$root/bench/bench-user.sh"
bench_user RESEARCHER "$root/healthgraph"
"$root/healthgraph" serve --data-dir "$data" --port "$port" --setting "$bench_setting" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
probe='{"query":"{ cohort(query: {index: {event: {types: [DEATH]}}}) { count { value } } }"}'
token=""
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "run-cohort-latency: the server exited:" >&2; cat "$log" >&2; exit 1; fi
  if [ -z "$token" ]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health" || true)"
    [ "$code" != "000" ] && token="$(bench_token "http://127.0.0.1:$port")"
  else
    code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
      -d "$probe" "http://127.0.0.1:$port/graphql" || true)"
    [ "$code" = "200" ] && break
  fi
  sleep 0.5
done
echo "server ready on $data (log: $(grep -E 'timeline index' "$log" | tail -1 | cut -c1-200))"
BENCH_AUTHORIZATION="Bearer $token" "$root/bench/run-main.sh" org.healthgraph.bench.journey.CohortLatency \
  "http://127.0.0.1:$port/graphql" "$data" "$requests" "$warmup"

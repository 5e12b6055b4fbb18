#!/usr/bin/env bash
# Server restart on an existing data folder (e.g. the one bench/run-journeys.sh N WORK leaves in WORK/neo4j):
# starts `healthgraph serve` on it and prints the time until it accepts requests (/actuator/health answers)
# and the time until it answers its first cohort (POST /graphql, MI -> statin, HTTP 200), polling every 0.1 s.
# While the timeline index opens, the cohort request gets 503 with Retry-After; the script counts those.
# Usage: bench/run-journeys-restart.sh DATA_DIR [port]   (default port 18631; the server is stopped at the end)
# Set HEALTHGRAPH_JAVA_OPTS for JVM options (the launcher's default heap is a quarter of the RAM).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:?usage: bench/run-journeys-restart.sh DATA_DIR [port]}"
port="${2:-18631}"
log="$(mktemp)"
"$root/healthgraph" --help >/dev/null # builds the jar first if sources changed, outside the timing
query='{"query":"{ cohort(query: {index: {event: {types: [HOSPITAL_STAY], codes: [{system: \"ICD10\", prefix: \"I21\"}], roles: [PRINCIPAL]}}, rules: [{label: \"statin\", condition: {event: {types: [DRUG_DISPENSING], codes: [{system: \"ATC\", prefix: \"C10AA\"}]}, anchorSide: END, maxDays: 30}}]}) { count { value } } }"}'
now() { date +%s%N; }
. "$root/bench/bench-user.sh"
bench_user RESEARCHER "$root/healthgraph"
t0="$(now)"
"$root/healthgraph" serve --data-dir "$data" --port "$port" --setting "$bench_setting" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
t1=""
refused=0
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the server exited:"; cat "$log"; exit 1; fi
  if [ -z "$t1" ]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health" || true)"
    # the login (one token, a few milliseconds) is counted in the time to the first cohort
    if [ "$code" != "000" ]; then t1="$(now)"; token="$(bench_token "http://127.0.0.1:$port")"; fi
  else
    code="$(curl -s -o /tmp/cohort-$$.json -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $token" -d "$query" \
      "http://127.0.0.1:$port/graphql" || true)"
    if [ "$code" = "200" ]; then t2="$(now)"; break; fi
    [ "$code" = "503" ] && refused=$((refused + 1))
  fi
  sleep 0.1
done
echo "server on $data: accepts requests after $(( (t1 - t0) / 1000000 )) ms;" \
  "first cohort answered $(( (t2 - t1) / 1000000 )) ms later ($(( (t2 - t0) / 1000000 )) ms after the start), $refused requests answered 503 meanwhile"
echo "answer: $(cat /tmp/cohort-$$.json)"; rm -f /tmp/cohort-$$.json
grep -E "Timeline index|timeline index|Started HealthgraphApplication|ready after" "$log" || true
curl -s "http://127.0.0.1:$port/actuator/health"; echo

#!/usr/bin/env bash
# Soak test: a real server (`healthgraph serve`) on 127.0.0.1 under a mixed catalog, search and cohort
# load for SECONDS (default 600), with, in the middle, a concurrent re-import of the patients into the
# same graph (another process, over the embedded database's Bolt port) and a SIGKILL of the server
# followed by a restart on the same data folder. Prints throughput, p50/p99 per kind, the errors inside
# and outside the restart window, the server's heap after the run and the load average.
#   bench/run-soak.sh [seconds=600] [clients=8] [patients=20000]
# The data: the real SNDS dictionary (../shared/schema-snds) and a synthetic extract of PATIENTS
# patients, imported into a fresh folder (BENCH_DATA_DIR=<folder> keeps and reuses it).
# SOAK_CATALOG=tables imports the dictionary's tables and variables only (a copy of its schemas/ in the
# data folder), without its 415,000 codes: minutes less of set-up on a loaded machine.
# Run it alone on the machine (no other benchmark or build meanwhile).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-600}"
clients="${2:-8}"
patients="${3:-20000}"
schema="$root/../shared/schema-snds"
[ -d "$schema" ] || { echo "run-soak: $schema is missing" >&2; exit 1; }
if [ -n "${BENCH_DATA_DIR:-}" ]; then data="$BENCH_DATA_DIR"; keep=1; mkdir -p "$data"; else data="$(mktemp -d)"; keep=0; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
bolt="$(free_port)"
events="$data/soak-events"
: > "$events"
now() { python3 -c 'import time; print(time.time())'; }
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "${load_pid:-}" ]; then kill "$load_pid" 2>/dev/null || true; fi
  [ "$keep" = 1 ] || rm -rf "$data"
}
trap cleanup EXIT

./healthgraph --version >/dev/null   # builds the jar if needed
if [ "$keep" = 1 ] && [ -f "$data/.soak-imported" ]; then
  echo "run-soak: reusing the data imported in $data"
else
  t0=$(date +%s)
  catalog="$schema"
  if [ "${SOAK_CATALOG:-}" = tables ]; then mkdir -p "$data/catalog" && cp -r "$schema/schemas" "$data/catalog/"; catalog="$data/catalog"; fi
  ./healthgraph import table-schema --no-progress --lenient --data-dir "$data" "$catalog" > "$data/import-catalog.log" 2>&1 \
    || echo "run-soak: the catalog import reported problems (see $data/import-catalog.log); continuing" >&2
  ./healthgraph generate snds-extract --patients "$patients" "$data/extract" > /dev/null
  ./healthgraph import snds-extract --load transactional --data-dir "$data" "$data/extract" > "$data/import-patients.log" 2>&1
  ./healthgraph reindex --data-dir "$data" > /dev/null
  touch "$data/.soak-imported"
  echo "run-soak: data imported in $(( $(date +%s) - t0 )) s ($patients patients, the SNDS dictionary${SOAK_CATALOG:+: $SOAK_CATALOG only})"
fi

# The clients stand for distinct users, but all come from 127.0.0.1, which the cohort engine's
# per-caller share (healthgraph.cohorts.per-caller, default 2) takes for one caller: without a share
# per client most cohort requests of a first run were answered 503 ("this caller has ...").
# The concurrent re-import: a tenth of the patients, so that it ends before the kill on a loaded
# machine (a first run re-importing all 20,000 over Bolt at load average 15 had committed nothing
# when the server was killed 180 s later).
[ -d "$data/reimport-extract" ] || ./healthgraph generate snds-extract \
  --patients "$(( patients / 10 > 100 ? patients / 10 : 100 ))" "$data/reimport-extract" > /dev/null

# The clients log in as one researcher (a server outside the demo answers nobody without a login); its
# token stays valid across the restart (the data folder keeps the issuer's key).
. "$root/bench/bench-user.sh"
bench_user RESEARCHER ./healthgraph
start_server() {
  ./healthgraph serve --data-dir "$data" --port "$port" --setting "healthgraph.neo4j.embedded.bolt-port=$bolt" \
    --setting "healthgraph.cohorts.per-caller=$clients" --setting "$bench_setting" \
    >> "$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -s -m 1 "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"' && return 0
    sleep 0.5
  done
  echo "run-soak: the server did not come up (see $data/server.log)" >&2
  return 1
}

start_server
SOAK_AUTHORIZATION="Bearer $(bench_token "http://127.0.0.1:$port")"; export SOAK_AUTHORIZATION
# The timeline index opens in the background once the server is up: the load starts when a cohort is
# answered (a run that started at once counted the 503s of the opening as errors outside the window).
for _ in $(seq 1 600); do
  curl -s -m 30 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: $SOAK_AUTHORIZATION" \
    -d '{"query": "{ cohort(query: {index: {event: {types: [DEATH]}}}) { count { value } } }"}' \
    "http://127.0.0.1:$port/graphql" | grep -q 200 && break
  sleep 0.5
done
# One request of each kind first, shown, so that a wrong query is seen before ten minutes of errors.
for q in '{"query": "{ table(name: \"IR_BEN_R\") { name } }"}' '{"query": "{ search(query: \"sexe\", first: 1) { totalCount } }"}' \
         '{"query": "{ cohort(query: {index: {event: {types: [HOSPITAL_STAY]}}}) { count { value } } }"}'; do
  echo "run-soak: probe $(curl -s -m 120 -H 'Content-Type: application/json' -H "Authorization: $SOAK_AUTHORIZATION" -d "$q" "http://127.0.0.1:$port/graphql" | head -c 200)"
done
echo "run-soak: server pid $pid on 127.0.0.1:$port, Bolt on 127.0.0.1:$bolt; load for $seconds s with $clients clients"
python3 "$root/bench/soak/soak.py" "http://127.0.0.1:$port/graphql" "$seconds" "$clients" "$events" > "$data/soak.out" &
load_pid=$!

# A re-import at 20% of the run, by another process into the same graph (the server's embedded
# database, over Bolt with its password file): the server must notice it and keep answering.
sleep $(( seconds / 5 ))
# In the background: the kill below comes at half time whatever the re-import's speed (a first run on a
# loaded machine, load average 18-23, spent 478 s in the re-import and killed only after the load ended).
(
  echo "reimport-start $(now)" >> "$events"
  HEALTHGRAPH_NEO4J_PASSWORD="$(cat "$data/neo4j/.bolt-password")" ./healthgraph import snds-extract --load transactional \
    --neo4j-uri "bolt://127.0.0.1:$bolt" --data-dir "$data/reimport-work" "$data/reimport-extract" > "$data/reimport.log" 2>&1 \
    && reimport="exit 0" || reimport="exit $?"
  echo "reimport-end $(now)" >> "$events"
  echo "run-soak: re-import over Bolt: $reimport ($(tail -n 1 "$data/reimport.log"))"
) &
reimport_pid=$!

# A SIGKILL at half time, then a restart on the same folder.
sleep $(( seconds / 2 - seconds / 5 ))
echo "kill $(now)" >> "$events"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
start_server
echo "up $(now)" >> "$events"
echo "run-soak: killed (SIGKILL) and restarted, new pid $pid"

wait "$load_pid"
load_pid=""
wait "$reimport_pid" || true
cat "$data/soak.out"
heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | head -3 | tr -s ' ' | tr '\n' ' ' || true)"
rss="$(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status" 2>/dev/null || true)"
echo "server after the run: $heap; RSS $rss"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

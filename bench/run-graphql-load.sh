#!/usr/bin/env bash
# Load benchmark of the GraphQL API: imports the real SNDS dictionary (../shared/schema-snds) into a
# fresh data folder, builds the search index, starts the server on 127.0.0.1, drives it with a mix
# of queries from concurrent clients (bounded in count and time), prints throughput and latency
# percentiles, and stops the server.
#   bench/run-graphql-load.sh [clients=16] [seconds=30] [warm-up seconds=20]
# The load draws its variables from the loaded catalog (every table, tables two joins apart, every
# code list, the search relevance questions), pages through code lists, and is measured after a
# warm-up of the same mix. The server's CPU time per request is printed at the end.
# Authentication: the server runs with one local user (READER) and anonymous callers allowed to read
# the catalog. BENCH_AUTH=off drives it anonymously, =on with the user's JWT (Authorization: Bearer),
# =compare (the default) runs off, on, off, on with the same clients and prints both throughputs and
# their ratio (the target: authentication costs under 10%).
# BENCH_DATA_DIR=<folder> keeps the imported data there and reuses it on the next run (the import
# and index build take minutes); without it a temporary folder is used and removed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
clients="${1:-16}"
seconds="${2:-30}"
warmup="${3:-20}"
schema="$root/../shared/schema-snds"
[ -d "$schema" ] || { echo "run-graphql-load: $schema is missing" >&2; exit 1; }
if [ -n "${BENCH_DATA_DIR:-}" ]; then data="$BENCH_DATA_DIR"; keep=1; mkdir -p "$data"; else data="$(mktemp -d)"; keep=0; fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$data/server.log"
cleanup() { if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; [ "$keep" = 1 ] || rm -rf "$data"; }
trap cleanup EXIT

./healthgraph --version >/dev/null   # builds the jar if needed
if [ "$keep" = 1 ] && [ -f "$data/.bench-imported" ]; then
  echo "run-graphql-load: reusing the data imported in $data"
else
  ./healthgraph import table-schema --data-dir "$data" "$schema" > "$data/import.log" 2>&1 || echo "run-graphql-load: the import reported problems (see its summary); continuing" >&2
  ./healthgraph reindex --data-dir "$data" > /dev/null || true
  touch "$data/.bench-imported"
fi
. "$root/bench/bench-user.sh"
bench_user READER ./healthgraph
./healthgraph serve --data-dir "$data" --port "$port" --setting healthgraph.security.anonymous=READER \
  --setting "$bench_setting" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -s -m 1 "http://127.0.0.1:$port/actuator/health" | grep -q UP && break
  sleep 0.5
done
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0; }
cpu_before="$(cpu)"
token="$(bench_token "http://127.0.0.1:$port")"
load() { # $1: off|on, $2: warm-up seconds
  if [ "$1" = on ]; then auth="Bearer $token"; else auth=""; fi
  BENCH_AUTHORIZATION="$auth" "$root/bench/run-main.sh" org.healthgraph.bench.graphql.GraphqlLoad \
    "http://127.0.0.1:$port/graphql" "$clients" "$seconds" 500000 "$2" | tee "$data/load-$1.txt"
}
mode="${BENCH_AUTH:-compare}"
if [ "$mode" = compare ]; then
  : > "$data/auth-compare.txt"
  first=1
  for round in off on off on; do
    echo "== authentication $round"
    if [ "$first" = 1 ]; then load "$round" "$warmup"; first=0; else load "$round" 0; fi
    rps="$(awk '$1=="ALL"{print $3}' "$data/load-$round.txt")"
    echo "$round $rps" >> "$data/auth-compare.txt"
  done
  python3 - "$data/auth-compare.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
off = [float(r[1]) for r in rows if r[0] == "off" and r[1]]
on = [float(r[1]) for r in rows if r[0] == "on" and r[1]]
print("authentication off (anonymous READER): %s requests/s" % ", ".join("%.0f" % x for x in off))
print("authentication on (Bearer JWT, READER): %s requests/s" % ", ".join("%.0f" % x for x in on))
if off and on:
    print("on / off: %.3f (mean of rounds)" % ((sum(on) / len(on)) / (sum(off) / len(off))))
PY
else
  load "$mode" "$warmup"
fi
ticks=$(( $(cpu) - cpu_before ))
echo "server CPU during the run (set-up, warm-up and measure): $(( ticks * 1000 / $(getconf CLK_TCK) )) ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"

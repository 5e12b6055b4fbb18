#!/usr/bin/env bash
# The SNDS dictionary and documentation as a user loads them, timed end to end with the load
# average: `healthgraph import table-schema` of the whole ../shared/schema-snds into a fresh folder
# (the command a user runs: start-up, import, search index built once at the end, stop), then
# `healthgraph import documentation` of the whole ../shared/documentation-snds on it, twice (the
# second run writes nothing); then `healthgraph demo --dictionary ... --documentation ...` on a fresh
# folder: seconds to the first GraphQL answer (catalogStats) and to the ready line (every demo step
# loaded). The catalog writer alone is bench/run-catalog-import.sh.
# Usage: bench/run-docs.sh [--port N]   (default port 18471)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hg="$root/healthgraph"
port=18471
[ "${1:-}" = "--port" ] && port="$2"
schema="$root/../shared/schema-snds"
docs="$root/../shared/documentation-snds"
[ -d "$schema" ] && [ -d "$docs" ] || { echo "run-docs: needs $schema and $docs" >&2; exit 2; }
work="$(mktemp -d)"
demo_pid=""
cleanup() { [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$hg" --version > /dev/null # builds the application if needed, outside the timings
now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }

t0=$(now)
"$hg" import table-schema "$schema" --data-dir "$work/data" --no-progress > "$work/schema.log" 2>&1 || true
grep -q '^Files read: .*failed: 0' "$work/schema.log" || { tail -20 "$work/schema.log" >&2; exit 1; }
inner() { sed -n 's/^Time: \([0-9]*\) ms$/\1/p' "$1" | awk '{ printf "%.1f", $1 / 1000 }'; }
total=$(echo "$(now) - $t0" | bc)
printf 'import table-schema schema-snds (command end to end)   %6.1f s   load %s   import alone %s s, start-up and stop %.1f s   (%s)\n' \
  "$total" "$(load)" "$(inner "$work/schema.log")" "$(echo "$total - $(inner "$work/schema.log")" | bc)" \
  "$(grep '^Files read:' "$work/schema.log")"
# A fresh folder's search index is built once at the end of the import (counted in start-up and stop).
grep '^Search index built' "$work/schema.log" | sed 's/^/    /' || true
for run in first again; do
  t0=$(now)
  "$hg" import documentation "$docs" --data-dir "$work/data" --no-progress > "$work/docs.log" 2>&1
  total=$(echo "$(now) - $t0" | bc)
  printf 'import documentation documentation-snds, %-5s (end to end) %6.1f s   load %s   import alone %s s, start-up and stop %.1f s   (%s)\n' \
    "$run" "$total" "$(load)" "$(inner "$work/docs.log")" "$(echo "$total - $(inner "$work/docs.log")" | bc)" \
    "$(grep '^Files read:' "$work/docs.log")"
done
grep -E '^Documentation held|^  [0-9]+ ' "$work/docs.log" | sed 's/^/    /'

t0=$(now)
"$hg" demo --port "$port" --data-dir "$work/demo" --dictionary "$schema" --documentation "$docs" > "$work/demo.log" 2>&1 &
demo_pid=$!
first=""
while kill -0 "$demo_pid" 2>/dev/null; do
  if [ -z "$first" ] && curl -sf -m 5 -H 'Content-Type: application/json' -d '{"query":"{ catalogStats { tables } }"}' \
      "http://127.0.0.1:$port/graphql" > "$work/answer.json" 2>/dev/null; then
    first=$(echo "$(now) - $t0" | bc)
    printf 'demo: first GraphQL answer                             %6.1f s   load %s   (%s)\n' "$first" "$(load)" "$(cat "$work/answer.json")"
  fi
  if grep -q 'http://127.0.0.1:'"$port" "$work/demo.log"; then
    printf 'demo: ready line (every step loaded)                   %6.1f s   load %s\n' "$(echo "$(now) - $t0" | bc)" "$(load)"
    break
  fi
  sleep 0.5
done
grep -E 'Demo: loaded' "$work/demo.log" | sed 's/^.*Demo: /    /'
curl -sf -H 'Content-Type: application/json' -d '{"query":"{ catalogStats { tables variables codes } }"}' "http://127.0.0.1:$port/graphql" | sed 's/^/    after: /'
echo

#!/usr/bin/env bash
# Command-line start-up: `healthgraph search` end to end (it reads the data folder's search index
# without starting the graph) beside a command that starts the whole application on the same folder
# (`healthgraph export dcat`, which opens the graph: what `search` cost before it stopped doing so)
# and the floor of any command (`healthgraph --version`: the JVM and the command line alone), in one
# run, with the load average. The folder is the one the user names (--data-dir DIR, e.g. a demo's),
# or, by default, a fresh folder into which ../shared/schema-snds is imported first with
# `healthgraph import table-schema` (the full SNDS dictionary).
# Usage: bench/run-cli-search.sh [--data-dir DIR] [--runs N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hg="$root/healthgraph"
data=""
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "run-cli-search: unknown argument '$1' (expected --data-dir DIR or --runs N)" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$data" ]; then
  schema="$root/../shared/schema-snds"
  [ -d "$schema" ] || { echo "run-cli-search: no $schema; name a data folder with --data-dir" >&2; exit 2; }
  data="$work/data"
  start=$(date +%s.%N)
  # schema-snds has a few lines the import skips (and says so, exit 1): the rest is imported.
  "$hg" import table-schema "$schema" --data-dir "$data" --no-progress > "$work/import.log" 2>&1 || true
  grep -q '^Files read: .*failed: 0' "$work/import.log" || { tail -20 "$work/import.log" >&2; exit 1; }
  printf 'imported schema-snds into a fresh folder in %.1f s (healthgraph import table-schema; %s)\n' \
    "$(echo "$(date +%s.%N) - $start" | bc)" "$(grep '^Problems:' "$work/import.log")"
fi
# Builds the application first if needed, outside the timings.
"$hg" --version > /dev/null

time_of() { # prints the seconds a command took; its output goes to $work/out
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$work/out" 2>&1 || { echo "run-cli-search: '$*' failed:" >&2; tail -5 "$work/out" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
printf '%-58s %s\n' "command (end to end, $runs runs each)" "seconds"
for i in $(seq 1 "$runs"); do
  printf '%-58s %6.1f   load %s\n' "healthgraph --version" "$(time_of "$hg" --version)" "$(cut -d' ' -f1 /proc/loadavg)"
  printf '%-58s %6.1f   load %s\n' "healthgraph search \"infarctus du myocarde\"" \
    "$(time_of "$hg" search "infarctus du myocarde" --data-dir "$data")" "$(cut -d' ' -f1 /proc/loadavg)"
  head -3 "$work/out" | sed 's/^/    /'
  printf '%-58s %6.1f   load %s\n' "healthgraph export dcat (starts the graph)" \
    "$(time_of "$hg" export dcat --data-dir "$data" -o "$work/catalog.ttl")" "$(cut -d' ' -f1 /proc/loadavg)"
done

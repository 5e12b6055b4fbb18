#!/usr/bin/env bash
# Catalog search benchmark: our Lucene index beside Neo4j's full-text index (french analyzer) over
# the same schema-snds tables, variables, code lists and codes, in one run: nDCG@10 and MRR on each
# half of the relevance set (bench/src/main/resources/org/healthgraph/bench/search/: the tuning half
# relevance-snds.txt, the held-out test half relevance-snds-test.txt) with the per-kind breakdown and
# the gap between the halves, p50/p95 latency in-process, index build time, worst-case inputs.
# Per-question results are printed for the tuning half only. Needs ../shared/schema-snds beside the
# repository. Options: --no-neo4j (ours only); --from-graph (also import schema-snds into Neo4j with the
# catalog importer and time the index build from the graph, as `healthgraph reindex` does). BENCH_JAVA_OPTS as in run-main.sh (default -Xmx4g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx4g --add-modules jdk.incubator.vector}"
cd "$root"
exec "$root/bench/run-main.sh" org.healthgraph.bench.search.SearchBenchmark "$@"

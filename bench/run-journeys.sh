#!/usr/bin/env bash
# Patient-journey benchmark: generate an SNDS-shaped extract of N patients, import it into Neo4j and
# the timeline index, and run the same cohort queries in the timeline engine, Cypher and DuckDB SQL.
# Usage: bench/run-journeys.sh [patients] [work-dir]   (default 100000; the work dir is kept if given)
# JVM options: BENCH_JAVA_OPTS (default -Xmx12g -XX:+UseParallelGC). System properties:
#   -Djourney.batch=N          patients per import transaction (default 2000)
#   -Djourney.writers=N        batches written at once (default 2)
#   -Djourney.cypherTimeout=S  seconds before a Cypher query is terminated and shown as a lower bound (default 120)
#   -Djourney.load=bulk|transactional  bulk: Neo4j batch importer into the new database (default); transactional: UNWIND batches over Bolt
#   -Djourney.importOnly=true  stop after the import (to profile the write path)
#   -Djourney.readOnly=true    stop after reading and joining the extract
#   -Djourney.rebuildFromGraph=true  after a bulk load, also time the timeline index rebuilt from the graph over Bolt
#                              (at 1,000,000 patients this process then holds the extract, two indexes and Neo4j's
#                              page cache: more than 24 GB of RAM; use -Djourney.reuse=true on the kept work dir)
#   -Djourney.reuse=true       reuse the work dir's database (no generation, no load): time the timeline index rebuilt
#                              from the graph, saved, and opened from its file, then the timeline queries
# The load saves the timeline index in WORK/neo4j/journeys, where a server on --data-dir WORK/neo4j opens it
# (bench/run-journeys-restart.sh WORK/neo4j times that server's start).
set -euo pipefail
# Neo4j's batch importer (the bulk load) reads direct buffers' addresses: it needs java.nio opened.
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx12g -XX:+UseParallelGC} --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
exec "$(dirname "$0")/run-main.sh" org.healthgraph.bench.journey.JourneyBench "$@"

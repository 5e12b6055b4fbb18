package org.healthgraph.linkage.store.internal.neo4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.PairPage;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;
import org.healthgraph.linkage.store.internal.RunRows;

/** Runs, pairs and review decisions read with Cypher. */
final class Neo4jRuns {

    private static final String FILTER =
            " WHERE p.probability >= $min AND p.probability <= $max AND (NOT $reviewOnly OR p.review)";

    private final Neo4jGraph graph;

    Neo4jRuns(Neo4jGraph graph) {
        this.graph = graph;
    }

    void unlink(String source, String recordId, String patientId) {
        graph.writeCypher(w -> w.run("MATCH (r:Record {key: $key})-[l:LINKED_TO]->(p:Patient {id: $id}) DELETE l",
                Map.of("key", GraphKeys.record(source, recordId), "id", patientId)));
    }

    List<LinkRun> runs() {
        return RunRows.newestFirst(graph.read("MATCH (n:LinkRun) RETURN n.json AS json", Map.of(), r -> RunRows.run(r.get("json"))));
    }

    Optional<LinkRun> run(String runId) {
        return graph.read("MATCH (n:LinkRun {id: $id}) RETURN n.json AS json", Map.of("id", runId), r -> RunRows.run(r.get("json")))
                .stream().findFirst();
    }

    /** The rows' searchable properties in the database, the JSON only of the page's pairs. */
    PairPage pairs(String runId, PairQuery query, Optional<String> after, int first) {
        int from = RunRows.parseCursor(after);
        List<RunRows.Row> rows = graph.read("MATCH (p:LinkPair {runId: $run})" + FILTER + " AND p.ordinal > $from"
                        + " RETURN p.ordinal AS ordinal, p.probability AS probability, p.review AS review, p.json AS json"
                        + " ORDER BY ordinal LIMIT $limit",
                Map.of("run", runId, "min", query.minProbability(), "max", query.maxProbability(), "reviewOnly",
                        query.reviewOnly(), "from", from, "limit", first + 1), RunRows.Row::of);
        long total = graph.read("MATCH (p:LinkPair {runId: $run})" + FILTER + " RETURN count(p) AS total",
                Map.of("run", runId, "min", query.minProbability(), "max", query.maxProbability(), "reviewOnly",
                        query.reviewOnly()), r -> ((Number) r.get("total")).longValue()).getFirst();
        PairPage page = RunRows.page(rows, query, Optional.of(Integer.toString(from)), first);
        return new PairPage(page.pairs(), page.hasNextPage(), page.endCursor(), total);
    }

    Optional<RunPair> pair(String runId, String leftId, String rightId) {
        return graph.read("MATCH (p:LinkPair {runId: $run, leftId: $left, rightId: $right}) RETURN p.json AS json",
                Map.of("run", runId, "left", leftId, "right", rightId), r -> RunRows.pair(r.get("json"))).stream().findFirst();
    }

    List<ReviewDecision> decisions(String runId) {
        return RunRows.oldestFirst(graph.read("MATCH (d:ReviewDecision {runId: $run}) RETURN d.json AS json",
                Map.of("run", runId), r -> RunRows.decision(r.get("json"))));
    }
}

package org.healthgraph.linkage.store.internal.neo4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.linkage.store.LinkPage;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.PairPage;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;
import org.healthgraph.linkage.store.LinkStore;
import org.healthgraph.linkage.store.StoredLink;
import org.healthgraph.linkage.store.internal.LinkRows;
import org.healthgraph.linkage.store.internal.RunRows;

/** The link store on Neo4j: links written through the port's batched upserts, read back with Cypher. */
public final class Neo4jLinkStore implements LinkStore {

    private static final String RETURN = " RETURN r.source AS source, r.recordId AS record, p.id AS patient,"
            + " properties(l) AS l";

    private final Neo4jGraph graph;
    private final Neo4jRuns runs;

    public Neo4jLinkStore(Neo4jGraph graph) {
        this.graph = graph;
        this.runs = new Neo4jRuns(graph);
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.NEO4J;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(List.of(GraphNames.RECORD, GraphNames.PATIENT), LinkRows.INDEXES);
        graph.ensureSchema(RunRows.LABELS, RunRows.INDEXES);
    }

    @Override
    public WriteResult write(List<StoredLink> links) {
        return LinkRows.write(graph, links);
    }

    @Override
    public List<StoredLink> ofRecord(String source, String recordId) {
        return graph.read("MATCH (r:Record {key: $key})-[l:LINKED_TO]->(p:Patient)" + RETURN + " ORDER BY patient",
                Map.of("key", GraphKeys.record(source, recordId)), Neo4jLinkStore::link);
    }

    @Override
    public List<StoredLink> ofPatient(String patientId) {
        return graph.read("MATCH (r:Record)-[l:LINKED_TO]->(p:Patient {id: $id})" + RETURN + " ORDER BY source, record",
                Map.of("id", patientId), Neo4jLinkStore::link);
    }

    @Override
    public LinkPage ofSource(String source, Optional<String> after, int first) {
        LinkRows.checkPage(first);
        Map<String, Object> params = new HashMap<>();
        params.put("source", source);
        params.put("rec", after.map(c -> LinkRows.parseCursor(c)[0]).orElse(null));
        params.put("pat", after.map(c -> LinkRows.parseCursor(c)[1]).orElse(null));
        params.put("limit", first + 1);
        return LinkRows.page(graph.read("MATCH (r:Record {source: $source})-[l:LINKED_TO]->(p:Patient)"
                + " WHERE $rec IS NULL OR r.recordId > $rec OR (r.recordId = $rec AND p.id > $pat)" + RETURN
                + " ORDER BY record, patient LIMIT $limit", params, Neo4jLinkStore::link), first);
    }

    @Override
    public void unlink(String source, String recordId, String patientId) {
        runs.unlink(source, recordId, patientId);
    }

    @Override
    public void saveRun(LinkRun run, List<RunPair> pairs) {
        RunRows.saveRun(graph, run, pairs);
    }

    @Override
    public List<LinkRun> runs() {
        return runs.runs();
    }

    @Override
    public Optional<LinkRun> run(String runId) {
        return runs.run(runId);
    }

    @Override
    public PairPage pairs(String runId, PairQuery query, Optional<String> after, int first) {
        LinkRows.checkPage(first);
        return runs.pairs(runId, query, after, first);
    }

    @Override
    public Optional<RunPair> pair(String runId, String leftId, String rightId) {
        return runs.pair(runId, leftId, rightId);
    }

    @Override
    public void addDecision(ReviewDecision decision) {
        graph.upsertNodes(RunRows.DECISION, List.of(RunRows.decisionRow(decision)));
    }

    @Override
    public List<ReviewDecision> decisions(String runId) {
        return runs.decisions(runId);
    }

    @SuppressWarnings("unchecked")
    private static StoredLink link(Map<String, Object> row) {
        return LinkRows.link((String) row.get("source"), (String) row.get("record"), (String) row.get("patient"),
                (Map<String, Object>) row.get("l"));
    }
}

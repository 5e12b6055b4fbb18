package org.healthgraph.linkage.store.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.outV;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.valueMap;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.tinkerpop.gremlin.process.traversal.Order;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
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

/** The link store on a Gremlin graph: links written through the port's upserts, read back with traversals. */
public final class GremlinLinkStore implements LinkStore {

    private static final Comparator<StoredLink> BY_SOURCE_ORDER = Comparator.comparing(StoredLink::recordId)
            .thenComparing(StoredLink::patientId);

    private final GremlinGraph graph;

    public GremlinLinkStore(GremlinGraph graph) {
        this.graph = graph;
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.GREMLIN;
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
        return links(graph.read(g -> project(g.V().has("Record", "key", GraphKeys.record(source, recordId))
                .outE("LINKED_TO")).toList())).stream().sorted(Comparator.comparing(StoredLink::patientId)).toList();
    }

    @Override
    public List<StoredLink> ofPatient(String patientId) {
        return links(graph.read(g -> project(g.V().has("Patient", "id", patientId).inE("LINKED_TO")).toList())).stream()
                .sorted(Comparator.comparing(StoredLink::source).thenComparing(StoredLink::recordId)).toList();
    }

    /**
     * The records of the page are read by record id, two more than the page holds (the cursor's own
     * record may add none), then their links are sorted and cut here.
     */
    @Override
    public LinkPage ofSource(String source, Optional<String> after, int first) {
        LinkRows.checkPage(first);
        Optional<String> fromRecord = after.map(c -> LinkRows.parseCursor(c)[0]);
        List<Map<String, Object>> rows = graph.read(g -> {
            GraphTraversal<Vertex, Vertex> records = g.V().has("Record", "source", source);
            if (fromRecord.isPresent()) {
                records = records.has("recordId", P.gte(fromRecord.get()));
            }
            return project(records.order().by("recordId", Order.asc).limit(first + 2L).outE("LINKED_TO")).toList();
        });
        return LinkRows.page(links(rows).stream().filter(l -> LinkRows.after(l, after)).sorted(BY_SOURCE_ORDER).toList(),
                first);
    }

    @Override
    public void unlink(String source, String recordId, String patientId) {
        graph.writeTraversal(w -> w.g().V().has("Record", "key", GraphKeys.record(source, recordId)).outE("LINKED_TO")
                .where(inV().has("Patient", "id", patientId)).drop().iterate());
    }

    @Override
    public void saveRun(LinkRun run, List<RunPair> pairs) {
        RunRows.saveRun(graph, run, pairs);
    }

    @Override
    public List<LinkRun> runs() {
        return RunRows.newestFirst(graph.read(g -> g.V().hasLabel(RunRows.RUN.name()).values("json").toList()).stream()
                .map(j -> RunRows.run(GremlinValues.decode(j))).toList());
    }

    @Override
    public Optional<LinkRun> run(String runId) {
        return graph.read(g -> g.V().has(RunRows.RUN.name(), "id", runId).values("json").toList()).stream()
                .map(j -> RunRows.run(GremlinValues.decode(j))).findFirst();
    }

    /** The run's rows are read whole and filtered here: a run keeps its links and review pairs, thousands at most. */
    @Override
    public PairPage pairs(String runId, PairQuery query, Optional<String> after, int first) {
        List<RunRows.Row> rows = graph.read(g -> g.V().has(RunRows.PAIR.name(), "runId", runId).valueMap().toList()).stream()
                .map(m -> RunRows.Row.of(GremlinValues.properties(m))).toList();
        return RunRows.page(rows, query, after, first);
    }

    @Override
    public Optional<RunPair> pair(String runId, String leftId, String rightId) {
        return graph.read(g -> g.V().has(RunRows.PAIR.name(), "runId", runId).has("leftId", leftId).has("rightId", rightId)
                .values("json").toList()).stream().map(j -> RunRows.pair(GremlinValues.decode(j))).findFirst();
    }

    @Override
    public void addDecision(ReviewDecision decision) {
        graph.upsertNodes(RunRows.DECISION, List.of(RunRows.decisionRow(decision)));
    }

    @Override
    public List<ReviewDecision> decisions(String runId) {
        return RunRows.oldestFirst(graph.read(g -> g.V().has(RunRows.DECISION.name(), "runId", runId).values("json").toList())
                .stream().map(j -> RunRows.decision(GremlinValues.decode(j))).toList());
    }

    private static GraphTraversal<Vertex, Map<String, Object>> project(GraphTraversal<Vertex, Edge> edges) {
        return edges.<Object>project("source", "record", "patient", "l").by(outV().values("source"))
                .by(outV().values("recordId")).by(inV().values("id")).by(valueMap());
    }

    private static List<StoredLink> links(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> {
            @SuppressWarnings("unchecked")
            Map<Object, Object> props = (Map<Object, Object>) r.get("l");
            return LinkRows.link(String.valueOf(r.get("source")), String.valueOf(r.get("record")),
                    String.valueOf(r.get("patient")), GremlinValues.properties(props));
        }).toList();
    }
}

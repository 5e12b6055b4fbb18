package org.healthgraph.catalog.store.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogTransaction;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;
import org.healthgraph.graph.gremlin.GremlinWriter;

/**
 * One catalog transaction as traversals: keyed look-ups first, then chains of writes of
 * {@link GremlinGraph#rowsPerTraversal()} rows. A write that names a node which does not exist skips
 * it, as the Neo4j store's {@code MATCH} does; the domain has checked them before.
 */
final class GremlinCatalogTransaction implements CatalogTransaction {

    private final GremlinGraph graph;
    private final GremlinWriter w;
    private final GraphTraversalSource g;

    GremlinCatalogTransaction(GremlinGraph graph, GremlinWriter w) {
        this.graph = graph;
        this.w = w;
        this.g = w.g();
    }

    @Override
    public Optional<String> fingerprint(String source) {
        return g.V().has("CatalogSource", "name", source).values("fingerprint").tryNext().map(String::valueOf);
    }

    @Override
    public void recordFingerprint(String source, String fingerprint, Instant at) {
        w.upsertNodes(GraphNames.CATALOG_SOURCE, List.of(Map.of("name", source, "fingerprint", fingerprint,
                "importedAt", at.toString())));
    }

    @Override
    public void clearFingerprints() {
        g.V().hasLabel("CatalogSource").properties("fingerprint").drop().iterate();
    }

    /** Safe as a read-then-write: the store's writes are serialised ({@link GremlinGraph#writeTraversal}). */
    @Override
    public CatalogStamp moveStamp() {
        CatalogStamp next = CatalogStamp.after(GremlinCatalogStore.stampOf(g, graph));
        w.upsertNodes(CatalogStore.STAMP, List.of(Map.of(CatalogStore.STAMP.keyProperty(), CatalogStore.STAMP_KEY,
                "version", next.version(), "token", next.token().toString())));
        return next;
    }

    @Override
    public Map<String, Map<String, Object>> existing(EntryKind kind, Collection<String> keys) {
        Label label = CatalogRows.label(kind);
        Map<String, Map<String, Object>> out = new HashMap<>();
        Lookups.vertices(graph, g, label, keys).forEach(p -> out.put(CatalogRows.str(p, label.keyProperty()), p));
        return out;
    }

    @Override
    public Set<String> present(EntryKind kind, Collection<String> keys) {
        Map<String, Object> ids = graph.vertexIds(g, CatalogRows.label(kind), keys);
        Set<String> out = new LinkedHashSet<>();
        keys.stream().filter(ids::containsKey).forEach(out::add);
        return out;
    }

    @Override
    public void upsert(EntryKind kind, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            w.upsertNodes(CatalogRows.label(kind), rows);
        }
    }

    @Override
    public void placeTables(List<TablePlacement> placements) {
        Map<String, Object> tables = graph.vertexIds(g, GraphNames.TABLE, placements.stream().map(TablePlacement::table).toList());
        Map<String, Object> datasets = graph.vertexIds(g, GraphNames.DATASET,
                placements.stream().map(TablePlacement::dataset).toList());
        List<TablePlacement> placed = placements.stream().filter(p -> tables.containsKey(p.table())).toList();
        sideEffects(placed, (t, p) -> t.sideEffect(__.V(tables.get(p.table())).inE("HAS_TABLE")
                .where(__.outV().values("name").is(P.neq(p.dataset()))).drop()));
        List<RelationshipRow> links = placed.stream().filter(p -> datasets.containsKey(p.dataset()))
                .map(p -> RelationshipRow.of(p.dataset(), p.table())).toList();
        if (!links.isEmpty()) {
            w.upsertRelationships(GraphNames.HAS_TABLE, links);
        }
    }

    @Override
    @SuppressWarnings("unchecked") // coalesce's generic varargs
    public void linkVariables(List<VariableLink> links) {
        Map<String, Object> variables = graph.vertexIds(g, GraphNames.VARIABLE, links.stream().map(VariableLink::variable).toList());
        Map<String, Object> tables = graph.vertexIds(g, GraphNames.TABLE, links.stream().map(VariableLink::table).toList());
        Map<String, Object> lists = graph.vertexIds(g, GraphNames.NOMENCLATURE,
                links.stream().flatMap(l -> l.nomenclature().stream()).toList());
        List<VariableLink> known = links.stream().filter(l -> variables.containsKey(l.variable())).toList();
        List<RelationshipRow> owned = known.stream().filter(l -> tables.containsKey(l.table()))
                .map(l -> RelationshipRow.of(l.table(), l.variable())).toList();
        if (!owned.isEmpty()) {
            w.upsertRelationships(GraphNames.HAS_VARIABLE, owned);
        }
        sideEffects(known, (t, l) -> {
            Object v = variables.get(l.variable());
            Object list = l.nomenclature().map(lists::get).orElse(null);
            GraphTraversal<?, ?> stale = __.V(v).outE("CODED_BY");
            t = t.sideEffect(list == null ? stale.drop() : stale.where(inV().not(__.hasId(list))).drop());
            if (list == null) {
                return t;
            }
            GraphTraversal<?, ?> edge = __.V(v).coalesce(__.outE("CODED_BY").where(inV().hasId(list)),
                    __.addE("CODED_BY").to(__.V(list)));
            return t.sideEffect(l.column().isPresent() ? edge.property("column", l.column().get())
                    : edge.sideEffect(__.properties("column").drop()));
        });
    }

    @Override
    public void recordHistory(List<VariableChange> changes) {
        List<Map<String, Object>> rows = changes.stream().map(c -> CatalogRows.change(c, UUID.randomUUID().toString()))
                .toList();
        w.upsertNodes(GraphNames.CHANGE, rows);
        w.upsertRelationships(GraphNames.HAS_CHANGE, rows.stream()
                .map(r -> RelationshipRow.of((String) r.get("variable"), (String) r.get("id"))).toList());
    }

    @Override
    public Optional<List<String>> columnNames(String list) {
        return Lookups.vertices(graph, g, GraphNames.NOMENCLATURE, List.of(list)).stream().findFirst()
                .map(p -> CatalogRows.strings(p, "columnNames"));
    }

    /**
     * By the codes' {@code nomenclature} property, which every code carries, the patient data's
     * included (a server can index it, where a key prefix could not be).
     */
    @Override
    public boolean hasAnyCode(String list) {
        return g.V().has("Code", "nomenclature", list).limit(1).hasNext();
    }

    /** Each chain starts at the code list and comes back to it after every code and its {@code HAS_CODE}. */
    @Override
    public void createCodes(String list, List<Map<String, Object>> rows) {
        Object listId = graph.vertexIds(g, GraphNames.NOMENCLATURE, List.of(list)).get(list);
        if (listId == null) {
            return;
        }
        for (List<Map<String, Object>> chunk : Lookups.chunks(rows, graph.rowsPerTraversal())) {
            GraphTraversal<?, ?> t = w.chain().V(listId).as("n");
            for (Map<String, Object> row : chunk) {
                t = t.addV("Code");
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    if (e.getValue() != null) {
                        t = t.property(VertexProperty.Cardinality.single, e.getKey(), GremlinValues.encode(e.getValue()));
                    }
                }
                t = t.addE("HAS_CODE").from("n").select("n");
            }
            t.iterate();
        }
    }

    @Override
    public void mergeCodes(List<Map<String, Object>> rows) {
        w.upsertNodes(GraphNames.CODE, rows);
        Map<String, Object> lists = graph.vertexIds(g, GraphNames.NOMENCLATURE,
                rows.stream().map(r -> CatalogRows.str(r, "nomenclature")).toList());
        List<RelationshipRow> attached = rows.stream().filter(r -> lists.containsKey(CatalogRows.str(r, "nomenclature")))
                .map(r -> RelationshipRow.of(CatalogRows.str(r, "nomenclature"), CatalogRows.str(r, "key"))).toList();
        if (!attached.isEmpty()) {
            w.upsertRelationships(GraphNames.HAS_CODE, attached);
        }
    }

    @Override
    public Map<String, Map<String, Object>> existingJoins(Collection<String> ids) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<Map<Object, Object>> edges = new ArrayList<>();
        for (List<String> chunk : Lookups.chunks(distinct, graph.keysPerLookup())) {
            edges.addAll(g.E().has("JOINS", "id", P.within(chunk)).valueMap().toList());
        }
        edges.forEach(e -> {
            Map<String, Object> p = GremlinValues.properties(e);
            out.put(CatalogRows.str(p, "id"), p);
        });
        return out;
    }

    /** Keyed by the pair of tables and the join's id, like the Neo4j store's {@code MERGE (a)-[:JOINS {id}]->(b)}. */
    @Override
    @SuppressWarnings("unchecked") // coalesce's generic varargs
    public void upsertJoins(List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> {
            names.add(CatalogRows.str(r, "fromTable"));
            names.add(CatalogRows.str(r, "toTable"));
        });
        Map<String, Object> tables = graph.vertexIds(g, GraphNames.TABLE, names);
        List<Map<String, Object>> known = rows.stream().filter(r -> tables.containsKey(CatalogRows.str(r, "fromTable"))
                && tables.containsKey(CatalogRows.str(r, "toTable"))).toList();
        sideEffects(known, (t, r) -> {
            Object a = tables.get(CatalogRows.str(r, "fromTable"));
            Object b = tables.get(CatalogRows.str(r, "toTable"));
            GraphTraversal<?, ?> edge = __.V(a).coalesce(
                    __.outE("JOINS").has("id", CatalogRows.str(r, "id")).where(inV().hasId(b)),
                    __.addE("JOINS").to(__.V(b)));
            for (Map.Entry<String, Object> e : r.entrySet()) {
                edge = e.getValue() == null ? edge.sideEffect(__.properties(e.getKey()).drop())
                        : edge.property(e.getKey(), GremlinValues.encode(e.getValue()));
            }
            return t.sideEffect(edge);
        });
    }

    @Override
    public Set<String> tablesOfDatasets(Collection<String> datasets) {
        return valuesOf(Lookups.idsWhere(graph, g, "Table", "dataset", datasets), "name");
    }

    @Override
    public Set<String> variablesOfTables(Collection<String> tables) {
        return valuesOf(Lookups.idsWhere(graph, g, "Variable", "table", tables), "key");
    }

    @Override
    public Set<String> codesOfLists(Collection<String> lists) {
        Set<String> out = new LinkedHashSet<>();
        for (List<Object> chunk : Lookups.chunks(new ArrayList<>(graph.vertexIds(g, GraphNames.NOMENCLATURE, lists).values()),
                Lookups.IDS)) {
            g.V(chunk.toArray()).out("HAS_CODE").values("key").toList().forEach(k -> out.add(String.valueOf(k)));
        }
        return out;
    }

    @Override
    public long delete(EntryKind kind, Collection<String> keys) {
        return w.deleteNodes(CatalogRows.label(kind), keys);
    }

    /** Writes to a Gremlin graph are serialised by the graph store already (one writer at a time). */
    @Override
    public void lock(Label label, Collection<String> keys) {
        // Nothing to take: no other write runs until this one ends.
    }

    @Override
    public Map<String, Map<String, Object>> records(Label label, Collection<String> keys) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        Lookups.vertices(graph, g, label, keys).forEach(p -> out.put(CatalogRows.str(p, label.keyProperty()), p));
        return out;
    }

    @Override
    public void putRecords(Label label, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            w.upsertNodes(label, rows);
        }
    }

    @Override
    public void deleteJoins(Collection<String> ids) {
        for (List<String> chunk : Lookups.chunks(List.copyOf(ids), Lookups.IDS)) {
            g.E().has("JOINS", "id", P.within(chunk)).drop().iterate();
        }
    }

    private Set<String> valuesOf(List<Object> ids, String property) {
        Set<String> out = new LinkedHashSet<>();
        for (List<Object> chunk : Lookups.chunks(ids, Lookups.IDS)) {
            g.V(chunk.toArray()).values(property).toList().forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    /** Builds one step per item. */
    private interface Step<T> {
        GraphTraversal<?, ?> add(GraphTraversal<?, ?> traversal, T item);
    }

    /** Runs one side effect per item, chained by {@link GremlinGraph#rowsPerTraversal()} into each traversal. */
    private <T> void sideEffects(List<T> items, Step<T> step) {
        for (List<T> chunk : Lookups.chunks(items, graph.rowsPerTraversal())) {
            GraphTraversal<?, ?> t = w.chain().inject(0);
            for (T item : chunk) {
                t = step.add(t, item);
            }
            t.iterate();
        }
    }
}

package org.healthgraph.catalog.store.internal.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.elementMap;
import static org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.tinkerpop.gremlin.process.traversal.Order;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.TextP;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeFilter;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogTransaction;
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.gremlin.GremlinGraph;
import org.healthgraph.graph.gremlin.GremlinValues;

/**
 * The catalog store on a Gremlin graph: traversals built with TinkerPop's Java API, on the same
 * labels, properties and relationship types as the Neo4j store (vertices labelled {@code Table},
 * {@code Variable}..., edges {@code HAS_TABLE}, {@code JOINS}...). Results are sorted here, in Java,
 * rather than by the database, so that both backends give the same order.
 */
public final class GremlinCatalogStore implements CatalogStore {

    static final List<Label> LABELS = List.of(GraphNames.DATASET, GraphNames.TABLE, GraphNames.VARIABLE,
            GraphNames.NOMENCLATURE, GraphNames.CODE, GraphNames.CHANGE, GraphNames.CATALOG_SOURCE, STAMP,
            CatalogRows.PROPOSAL, CatalogRows.REVISION, CatalogRows.IMPORT_CONFLICT);
    /** Beyond Neo4j's: the look-ups a Gremlin graph makes by these properties (variable name, code list of a code). */
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.VARIABLE, "table"),
            new PropertyIndex(GraphNames.TABLE, "dataset"),
            new PropertyIndex(CatalogRows.PROPOSAL, "status"), new PropertyIndex(CatalogRows.REVISION, "entity"),
            new PropertyIndex(CatalogRows.IMPORT_CONFLICT, "status"), new PropertyIndex(GraphNames.VARIABLE, "name"),
            new PropertyIndex(GraphNames.CODE, "nomenclature"));

    private static final Comparator<Variable> IN_TABLE_ORDER = Comparator
            .comparing((Variable v) -> v.ref().table().value()).thenComparingInt(Variable::position)
            .thenComparing(v -> v.ref().name());

    private final GremlinGraph graph;

    public GremlinCatalogStore(GremlinGraph graph) {
        this.graph = graph;
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.GREMLIN;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(LABELS, INDEXES);
    }

    @Override
    public Optional<CatalogStamp> stamp() {
        return graph.read(g -> stampOf(g, graph));
    }

    /** The stamp read in {@code g}; empty when the graph has none. */
    static Optional<CatalogStamp> stampOf(GraphTraversalSource g, GremlinGraph graph) {
        Object id = graph.vertexIds(g, STAMP, List.of(STAMP_KEY)).get(STAMP_KEY);
        if (id == null) {
            return Optional.empty();
        }
        Map<String, Object> p = GremlinValues.properties(g.V(id).elementMap().next());
        Object version = p.get("version");
        Object token = p.get("token");
        if (!(version instanceof Number n) || n.longValue() < 1 || token == null || token.toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CatalogStamp(n.longValue(), java.util.UUID.fromString(token.toString())));
    }

    @Override
    public CatalogStats stats() {
        return new CatalogStats(graph.count(GraphNames.DATASET), graph.count(GraphNames.TABLE),
                graph.count(GraphNames.VARIABLE), graph.count(GraphNames.NOMENCLATURE), graph.count(GraphNames.HAS_CODE),
                graph.count(GraphNames.JOINS));
    }

    @Override
    public List<Dataset> datasets() {
        return sorted(all(GraphNames.DATASET), CatalogRows::dataset, Dataset::name);
    }

    @Override
    public List<Dataset> datasets(Collection<String> names) {
        return sorted(graph.read(g -> Lookups.vertices(graph, g, GraphNames.DATASET, names)), CatalogRows::dataset,
                Dataset::name);
    }

    @Override
    public List<Table> tables() {
        return sorted(all(GraphNames.TABLE), CatalogRows::table, t -> t.name().value());
    }

    @Override
    public List<Table> tables(Collection<String> names) {
        return sorted(graph.read(g -> Lookups.vertices(graph, g, GraphNames.TABLE, names)), CatalogRows::table,
                t -> t.name().value());
    }

    @Override
    public Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets) {
        Map<String, List<Table>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : children(GraphNames.DATASET, datasets, "HAS_TABLE", true)) {
            out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(CatalogRows.table(e.getValue()));
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(t -> t.name().value())));
        return out;
    }

    @Override
    public List<Variable> variables(Collection<String> keys) {
        return sorted(graph.read(g -> Lookups.vertices(graph, g, GraphNames.VARIABLE, keys)), CatalogRows::variable,
                Variable::key);
    }

    @Override
    public List<Variable> variablesOfTables(Collection<String> tables) {
        List<Variable> out = new ArrayList<>();
        children(GraphNames.TABLE, tables, "HAS_VARIABLE", true).forEach(e -> out.add(CatalogRows.variable(e.getValue())));
        out.sort(IN_TABLE_ORDER);
        return out;
    }

    @Override
    public List<Variable> variablesNamed(Collection<String> names) {
        return sorted(graph.read(g -> Lookups.properties(g, Lookups.idsWhere(graph, g, "Variable", "name", names))),
                CatalogRows::variable, Variable::key);
    }

    @Override
    public List<Variable> variablesAfter(String afterKey, int limit) {
        return graph.read(g -> page(g, "Variable", afterKey, limit)).stream().map(CatalogRows::variable).toList();
    }

    /** One page of a label by key: every vertex of the label is filtered, sorted and cut (no index serves ranges). */
    private static List<Map<String, Object>> page(GraphTraversalSource g, String label, String afterKey, int limit) {
        return g.V().hasLabel(label).has("key", P.gt(afterKey)).order().by("key", Order.asc).limit(limit).elementMap()
                .toList().stream().map(GremlinValues::properties).toList();
    }

    @Override
    public List<VariableChange> history(VariableRef variable) {
        List<Map<String, Object>> changes = graph.read(g -> g.V().has("Variable", "key", variable.key()).out("HAS_CHANGE")
                .elementMap().toList().stream().map(GremlinValues::properties).toList());
        return changes.stream().map(p -> CatalogRows.change(variable, p))
                .sorted(Comparator.comparing(VariableChange::at).thenComparing(VariableChange::field)).toList();
    }

    @Override
    public List<Nomenclature> nomenclatures() {
        return sorted(all(GraphNames.NOMENCLATURE), CatalogRows::nomenclature, n -> n.name().value());
    }

    @Override
    public List<Nomenclature> nomenclatures(Collection<String> names) {
        return sorted(graph.read(g -> Lookups.vertices(graph, g, GraphNames.NOMENCLATURE, names)),
                CatalogRows::nomenclature, n -> n.name().value());
    }

    @Override
    public Map<String, List<Variable>> variablesCodedBy(Collection<String> lists) {
        Map<String, List<Variable>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : children(GraphNames.NOMENCLATURE, lists, "CODED_BY", false)) {
            out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(CatalogRows.variable(e.getValue()));
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(Variable::key)));
        return out;
    }

    @Override
    public long codeCount(String list, CodeFilter filter) {
        return graph.read(g -> filtered(g, list, filter, Optional.empty(), false).count().next());
    }

    @Override
    public List<Code> codes(String list, List<String> columns, CodeFilter filter, Optional<String> after, OptionalInt limit) {
        List<Map<String, Object>> rows = graph.read(g -> {
            GraphTraversal<Vertex, Vertex> t = filtered(g, list, filter, after, true).order().by("code", Order.asc);
            if (limit.isPresent()) {
                t = t.limit(limit.getAsInt());
            }
            return t.elementMap().toList().stream().map(GremlinValues::properties).toList();
        });
        return rows.stream().map(p -> CatalogRows.code(p, columns)).toList();
    }

    /** The list's codes that pass the filter (the words against the label's folded words, {@code words}). */
    private static GraphTraversal<Vertex, Vertex> filtered(GraphTraversalSource g, String list, CodeFilter filter,
                                                           Optional<String> after, boolean paged) {
        GraphTraversal<Vertex, Vertex> t = g.V().has("Nomenclature", "name", list).out("HAS_CODE");
        if (after.isPresent()) {
            t = t.has("code", P.gt(after.get()));
        }
        if (paged && filter.startAt().isPresent()) {
            t = t.has("code", P.gte(filter.startAt().get()));
        }
        if (filter.prefix().isPresent()) {
            t = t.has("code", TextP.startingWith(filter.prefix().get()));
        }
        for (String w : filter.words()) {
            t = t.has("words", TextP.containing(" " + w));
        }
        return t;
    }

    @Override
    public List<Code> codes(Collection<String> keys) {
        List<Map<String, Object>> rows = graph.read(g -> Lookups.vertices(graph, g, GraphNames.CODE, keys));
        Set<String> lists = new LinkedHashSet<>();
        rows.forEach(p -> lists.add(CatalogRows.str(p, "nomenclature")));
        Map<String, List<String>> columns = new TreeMap<>();
        nomenclatures(lists).forEach(n -> columns.put(n.name().value(),
                n.columns().stream().map(c -> c.name()).toList()));
        return sorted(rows, p -> CatalogRows.code(p, columns.getOrDefault(CatalogRows.str(p, "nomenclature"), List.of())),
                Code::key);
    }

    @Override
    public List<Code> codesAfter(String afterKey, int limit, Map<String, List<String>> columnsByList) {
        return graph.read(g -> page(g, "Code", afterKey, limit)).stream()
                .map(p -> CatalogRows.code(p, columnsByList.getOrDefault(CatalogRows.str(p, "nomenclature"), List.of())))
                .toList();
    }

    @Override
    public List<Join> joins() {
        return joinsOf(graph.read(g -> g.E().hasLabel("JOINS").valueMap().toList()));
    }

    @Override
    public List<Join> joinsOfTables(Collection<String> tables) {
        return joinsOf(graph.read(g -> {
            List<Map<Object, Object>> out = new ArrayList<>();
            for (List<Object> chunk : Lookups.chunks(new ArrayList<>(graph.vertexIds(g, GraphNames.TABLE, tables).values()),
                    Lookups.IDS)) {
                out.addAll(g.V(chunk.toArray()).bothE("JOINS").dedup().valueMap().toList());
            }
            return out;
        }));
    }

    /** Joins by id, each once (a join between two of the tables asked for is met from both ends). */
    private static List<Join> joinsOf(List<Map<Object, Object>> edges) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        edges.forEach(e -> {
            Map<String, Object> p = GremlinValues.properties(e);
            byId.putIfAbsent(CatalogRows.str(p, "id"), p);
        });
        return byId.values().stream().map(CatalogRows::join).toList();
    }

    @Override
    public List<GraphPath> joinPaths(TableName from, TableName to, int maxHops) {
        return graph.shortestPaths(NodeRef.of(GraphNames.TABLE, from.value()), NodeRef.of(GraphNames.TABLE, to.value()),
                Set.of(GraphNames.JOINS), maxHops);
    }

    @Override
    public Neighbourhood joinNeighbourhood(TableName table, int depth, int limit) {
        return graph.neighbourhood(NodeRef.of(GraphNames.TABLE, table.value()), Set.of(GraphNames.JOINS), depth, limit);
    }

    @Override
    public Map<String, Map<String, Object>> properties(EntryKind kind, Collection<String> keys) {
        return records(CatalogRows.label(kind), keys);
    }

    @Override
    public List<Map<String, Object>> records(Label label, String property, String value) {
        if (!CatalogRows.CURATION_LABELS.contains(label)) {
            throw new IllegalArgumentException("not a curation label: " + label.name());
        }
        return graph.read(g -> g.V().has(label.name(), property, value).elementMap().toList().stream()
                .map(GremlinValues::properties).toList());
    }

    @Override
    public Map<String, Map<String, Object>> records(Label label, Collection<String> keys) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        graph.read(g -> Lookups.vertices(graph, g, label, keys))
                .forEach(p -> out.put(CatalogRows.str(p, label.keyProperty()), p));
        return out;
    }

    @Override
    public <T> T write(Function<CatalogTransaction, T> work) {
        return graph.writeTraversal(w -> work.apply(new GremlinCatalogTransaction(graph, w)));
    }

    private List<Map<String, Object>> all(Label label) {
        return graph.read(g -> g.V().hasLabel(label.name()).elementMap().toList().stream()
                .map(GremlinValues::properties).toList());
    }

    /**
     * The vertices one edge away from the parents of {@code label} with these keys (out from the
     * parent, or in), each with its parent's key.
     */
    private List<Map.Entry<String, Map<String, Object>>> children(Label label, Collection<String> keys, String edge,
                                                                 boolean out) {
        return graph.read(g -> {
            List<Map.Entry<String, Map<String, Object>>> rows = new ArrayList<>();
            for (List<Object> chunk : Lookups.chunks(new ArrayList<>(graph.vertexIds(g, label, keys).values()), Lookups.IDS)) {
                GraphTraversal<Vertex, Vertex> parents = g.V(chunk.toArray()).as("p");
                GraphTraversal<Vertex, Vertex> children = out ? parents.out(edge) : parents.in(edge);
                for (Map<String, Object> r : children.as("c").<Object>select("p", "c")
                        .by(values(label.keyProperty())).by(elementMap()).toList()) {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> child = (Map<Object, Object>) r.get("c");
                    rows.add(Map.entry(String.valueOf(r.get("p")), GremlinValues.properties(child)));
                }
            }
            return rows;
        });
    }

    private static <T> List<T> sorted(List<Map<String, Object>> rows, Function<Map<String, Object>, T> map,
                                      Function<T, String> key) {
        return rows.stream().map(map).sorted(Comparator.comparing(key)).toList();
    }
}

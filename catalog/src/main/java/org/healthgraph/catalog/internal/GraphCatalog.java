package org.healthgraph.catalog.internal;

import org.healthgraph.catalog.JoinNeighbourhood;
import org.healthgraph.graph.Neighbourhood;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogEntry;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodePage;
import org.healthgraph.catalog.CodeRef;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.InvalidCatalogInputException;
import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.JoinHop;
import org.healthgraph.catalog.JoinPath;
import org.healthgraph.catalog.JoinPathResult;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.UnknownCatalogEntryException;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.GraphRelationship;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.NodeRef;

/** Reads the catalog with parameterised Cypher through the graph store. */
public final class GraphCatalog implements Catalog {

    static final int MAX_HOPS = 12;
    static final int MAX_PAGE = 1_000;
    /** Rows per read when streaming a kind of entry. */
    static final int STREAM_PAGE = 20_000;

    private final Neo4jGraph store;

    public GraphCatalog(GraphStore store) {
        this.store = Neo4jGraph.require(Objects.requireNonNull(store, "store"), "the catalog");
    }

    @Override
    public CatalogStats stats() {
        return new CatalogStats(store.count(GraphNames.DATASET), store.count(GraphNames.TABLE),
                store.count(GraphNames.VARIABLE), store.count(GraphNames.NOMENCLATURE), store.count(GraphNames.HAS_CODE),
                store.count(GraphNames.JOINS));
    }

    @Override
    public List<Dataset> datasets() {
        return store.read("MATCH (d:Dataset) RETURN properties(d) AS p ORDER BY d.name", Map.of(),
                r -> CatalogRows.dataset(props(r)));
    }

    @Override
    public Optional<Dataset> dataset(String name) {
        return first(store.read("MATCH (d:Dataset {name: $name}) RETURN properties(d) AS p", Map.of("name", name),
                r -> CatalogRows.dataset(props(r))));
    }

    @Override
    public List<Table> tables() {
        return store.read("MATCH (t:Table) RETURN properties(t) AS p ORDER BY t.name", Map.of(),
                r -> CatalogRows.table(props(r)));
    }

    @Override
    public List<Table> tables(String dataset) {
        return store.read("MATCH (:Dataset {name: $name})-[:HAS_TABLE]->(t:Table) RETURN properties(t) AS p ORDER BY t.name",
                Map.of("name", dataset), r -> CatalogRows.table(props(r)));
    }

    @Override
    public Optional<Table> table(TableName name) {
        return first(store.read("MATCH (t:Table {name: $name}) RETURN properties(t) AS p", Map.of("name", name.value()),
                r -> CatalogRows.table(props(r))));
    }

    @Override
    public List<Variable> variables(TableName table) {
        return store.read("MATCH (:Table {name: $name})-[:HAS_VARIABLE]->(v:Variable) RETURN properties(v) AS p"
                + " ORDER BY v.position, v.name", Map.of("name", table.value()), r -> CatalogRows.variable(props(r)));
    }

    @Override
    public Optional<Variable> variable(VariableRef ref) {
        return first(store.read("MATCH (v:Variable {key: $key}) RETURN properties(v) AS p", Map.of("key", ref.key()),
                r -> CatalogRows.variable(props(r))));
    }

    @Override
    public List<VariableChange> history(VariableRef ref) {
        return store.read("MATCH (:Variable {key: $key})-[:HAS_CHANGE]->(c:Change) RETURN properties(c) AS p"
                + " ORDER BY c.at, c.field", Map.of("key", ref.key()), r -> {
                    Map<String, Object> p = props(r);
                    return new VariableChange(ref, CatalogRows.str(p, "field"), CatalogRows.str(p, "old"),
                            CatalogRows.str(p, "new"), CatalogRows.str(p, "source"),
                            Instant.parse(CatalogRows.str(p, "at")));
                });
    }

    @Override
    public List<Nomenclature> nomenclatures() {
        return store.read("MATCH (n:Nomenclature) RETURN properties(n) AS p ORDER BY n.name", Map.of(),
                r -> CatalogRows.nomenclature(props(r)));
    }

    @Override
    public Optional<Nomenclature> nomenclature(NomenclatureName name) {
        return first(store.read("MATCH (n:Nomenclature {name: $name}) RETURN properties(n) AS p",
                Map.of("name", name.value()), r -> CatalogRows.nomenclature(props(r))));
    }

    @Override
    public List<VariableRef> variablesCodedBy(NomenclatureName name) {
        return store.read("MATCH (v:Variable)-[:CODED_BY]->(:Nomenclature {name: $name}) RETURN v.key AS k ORDER BY k",
                Map.of("name", name.value()), r -> VariableRef.parse((String) r.get("k")));
    }

    @Override
    public CodePage codes(NomenclatureName name, int first, Optional<String> after) {
        if (first < 1 || first > MAX_PAGE) {
            throw new InvalidCatalogInputException("first must be between 1 and " + MAX_PAGE + ", got " + first);
        }
        Nomenclature list = nomenclature(name)
                .orElseThrow(() -> new UnknownCatalogEntryException("No code list named " + name));
        List<String> columns = columnNames(list);
        long total = store.read("MATCH (:Nomenclature {name: $name})-[:HAS_CODE]->(c) RETURN count(c) AS n",
                Map.of("name", name.value()), r -> ((Number) r.get("n")).longValue()).getFirst();
        List<Code> codes = store.read("MATCH (:Nomenclature {name: $name})-[:HAS_CODE]->(c:Code)"
                        + " WHERE $after IS NULL OR c.code > $after RETURN properties(c) AS p ORDER BY c.code LIMIT $limit",
                mapOf("name", name.value(), "after", after.orElse(null), "limit", first + 1),
                r -> CatalogRows.code(props(r), columns));
        boolean more = codes.size() > first;
        List<Code> page = more ? codes.subList(0, first) : codes;
        return new CodePage(page, total, more,
                page.isEmpty() ? Optional.empty() : Optional.of(page.getLast().ref().code()));
    }

    @Override
    public List<Code> allCodes(NomenclatureName name) {
        Nomenclature list = nomenclature(name)
                .orElseThrow(() -> new UnknownCatalogEntryException("No code list named " + name));
        List<String> columns = columnNames(list);
        return store.read("MATCH (:Nomenclature {name: $name})-[:HAS_CODE]->(c:Code)"
                        + " RETURN properties(c) AS p ORDER BY c.code", Map.of("name", name.value()),
                r -> CatalogRows.code(props(r), columns));
    }

    @Override
    public Optional<Code> code(CodeRef ref) {
        return first(store.read("MATCH (c:Code {key: $key}) OPTIONAL MATCH (n:Nomenclature {name: c.nomenclature})"
                        + " RETURN properties(c) AS p, n.columnNames AS columns", Map.of("key", ref.key()),
                r -> CatalogRows.code(props(r), CatalogRows.strings(r, "columns"))));
    }

    @Override
    public List<Join> joins(TableName table) {
        return store.read("MATCH (a:Table)-[j:JOINS]->(b:Table) WHERE a.name = $name OR b.name = $name"
                + " RETURN properties(j) AS p ORDER BY j.id", Map.of("name", table.value()), r -> CatalogRows.join(props(r)));
    }

    @Override
    public List<Join> joins() {
        return store.read("MATCH (:Table)-[j:JOINS]->(:Table) RETURN properties(j) AS p ORDER BY j.id", Map.of(),
                r -> CatalogRows.join(props(r)));
    }

    @Override
    public JoinPathResult joinPaths(TableName from, TableName to, int maxHops) {
        checkHops(maxHops);
        for (TableName t : List.of(from, to)) {
            if (table(t).isEmpty()) {
                throw new UnknownCatalogEntryException("No table named " + t + " in the catalog");
            }
        }
        if (from.equals(to)) {
            return new JoinPathResult(from, to, maxHops, List.of(new JoinPath(from, to, List.of())));
        }
        List<GraphPath> paths = store.shortestPaths(NodeRef.of(GraphNames.TABLE, from.value()),
                NodeRef.of(GraphNames.TABLE, to.value()), Set.of(GraphNames.JOINS), maxHops);
        List<JoinPath> out = new ArrayList<>();
        for (GraphPath path : paths) {
            out.add(toJoinPath(from, to, path));
        }
        out.sort(Comparator.comparing(GraphCatalog::describe));
        return new JoinPathResult(from, to, maxHops, out.stream().distinct().toList());
    }

    /** Orients every hop along the path: a relationship walked backwards has its key pairs swapped. */
    static JoinPath toJoinPath(TableName from, TableName to, GraphPath path) {
        List<JoinHop> hops = new ArrayList<>();
        for (int i = 0; i < path.hops().size(); i++) {
            GraphRelationship rel = path.hops().get(i);
            String here = path.nodes().get(i).ref().key();
            String next = path.nodes().get(i + 1).ref().key();
            List<KeyPair> declared = CatalogRows.keyPairs(CatalogRows.strings(rel.properties(), "from"),
                    CatalogRows.strings(rel.properties(), "to"));
            boolean forward = rel.from().key().equals(here);
            List<KeyPair> keys = forward ? declared : declared.stream().map(KeyPair::reversed).toList();
            hops.add(new JoinHop(TableName.of(here), TableName.of(next), keys, forward));
        }
        return new JoinPath(from, to, hops);
    }

    static void checkHops(int maxHops) {
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new InvalidCatalogInputException("maxHops must be between 1 and " + MAX_HOPS + ", got " + maxHops);
        }
    }

    /** The order of join paths in a result: by the tables and keys of their hops. */
    static String describe(JoinPath p) {
        StringBuilder out = new StringBuilder();
        p.hops().forEach(h -> out.append(h.to()).append(h.keys()).append('|'));
        return out.toString();
    }

    @Override
    public void forEachEntry(Set<EntryKind> kinds, Consumer<CatalogEntry> consumer) {
        Set<EntryKind> wanted = kinds.isEmpty() ? Set.of(EntryKind.values()) : kinds;
        if (wanted.contains(EntryKind.DATASET)) {
            datasets().forEach(consumer);
        }
        if (wanted.contains(EntryKind.TABLE)) {
            tables().forEach(consumer);
        }
        if (wanted.contains(EntryKind.VARIABLE)) {
            page("MATCH (v:Variable) WHERE v.key > $after RETURN properties(v) AS p, v.key AS k"
                    + " ORDER BY v.key LIMIT $limit", r -> CatalogRows.variable(props(r)), consumer);
        }
        List<Nomenclature> lists = wanted.contains(EntryKind.NOMENCLATURE) || wanted.contains(EntryKind.CODE)
                ? nomenclatures() : List.of();
        if (wanted.contains(EntryKind.NOMENCLATURE)) {
            lists.forEach(consumer);
        }
        if (wanted.contains(EntryKind.CODE)) {
            Map<String, List<String>> columns = new java.util.HashMap<>();
            lists.forEach(n -> columns.put(n.name().value(), columnNames(n)));
            page("MATCH (c:Code) WHERE c.key > $after RETURN properties(c) AS p, c.key AS k ORDER BY c.key LIMIT $limit",
                    r -> {
                        Map<String, Object> p = props(r);
                        return CatalogRows.code(p, columns.getOrDefault(CatalogRows.str(p, "nomenclature"), List.of()));
                    }, consumer);
        }
    }

    /**
     * Streams a kind page by page, each page a seek on the key's index from the last key read (so
     * that a page costs its size, not a scan and sort of the whole label).
     */
    private void page(String statement, java.util.function.Function<Map<String, Object>, CatalogEntry> mapper,
                      Consumer<CatalogEntry> consumer) {
        String after = "";
        while (true) {
            List<Map<String, Object>> rows = store.read(statement, mapOf("after", after, "limit", STREAM_PAGE));
            for (Map<String, Object> r : rows) {
                consumer.accept(mapper.apply(r));
            }
            if (rows.size() < STREAM_PAGE) {
                return;
            }
            after = (String) rows.getLast().get("k");
        }
    }

    @Override
    public List<CatalogEntry> entries(EntryKind kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("keys", List.copyOf(keys));
        return switch (kind) {
            case DATASET -> store.read("MATCH (n:Dataset) WHERE n.name IN $keys RETURN properties(n) AS p ORDER BY n.name",
                    params, r -> (CatalogEntry) CatalogRows.dataset(props(r)));
            case TABLE -> store.read("MATCH (n:Table) WHERE n.name IN $keys RETURN properties(n) AS p ORDER BY n.name",
                    params, r -> (CatalogEntry) CatalogRows.table(props(r)));
            case VARIABLE -> store.read("MATCH (n:Variable) WHERE n.key IN $keys RETURN properties(n) AS p ORDER BY n.key",
                    params, r -> (CatalogEntry) CatalogRows.variable(props(r)));
            case NOMENCLATURE -> store.read("MATCH (n:Nomenclature) WHERE n.name IN $keys RETURN properties(n) AS p"
                    + " ORDER BY n.name", params, r -> (CatalogEntry) CatalogRows.nomenclature(props(r)));
            case CODE -> store.read("MATCH (c:Code) WHERE c.key IN $keys OPTIONAL MATCH (n:Nomenclature {name: c.nomenclature})"
                    + " RETURN properties(c) AS p, n.columnNames AS columns ORDER BY c.key", params,
                    r -> (CatalogEntry) CatalogRows.code(props(r), CatalogRows.strings(r, "columns")));
        };
    }

    private static List<String> columnNames(Nomenclature n) {
        return n.columns().stream().map(c -> c.name()).toList();
    }

    @Override
    public Map<TableName, Table> tables(Collection<TableName> names) {
        Map<TableName, Table> out = new LinkedHashMap<>();
        store.read("MATCH (t:Table) WHERE t.name IN $names RETURN properties(t) AS p ORDER BY t.name",
                Map.of("names", values(names, TableName::value)), r -> CatalogRows.table(props(r)))
                .forEach(t -> out.put(t.name(), t));
        return out;
    }

    @Override
    public Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets) {
        Map<String, List<Table>> out = new LinkedHashMap<>();
        store.read("MATCH (d:Dataset)-[:HAS_TABLE]->(t:Table) WHERE d.name IN $names"
                        + " RETURN d.name AS owner, properties(t) AS p ORDER BY t.name",
                Map.of("names", List.copyOf(datasets)), r -> Map.entry((String) r.get("owner"), CatalogRows.table(props(r))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public Map<TableName, List<Variable>> variablesOfTables(Collection<TableName> tables) {
        Map<TableName, List<Variable>> out = new LinkedHashMap<>();
        store.read("MATCH (t:Table)-[:HAS_VARIABLE]->(v:Variable) WHERE t.name IN $names"
                        + " RETURN properties(v) AS p ORDER BY t.name, v.position, v.name",
                Map.of("names", values(tables, TableName::value)), r -> CatalogRows.variable(props(r)))
                .forEach(v -> out.computeIfAbsent(v.ref().table(), k -> new ArrayList<>()).add(v));
        return out;
    }

    @Override
    public Map<TableName, List<Join>> joinsOfTables(Collection<TableName> tables) {
        List<String> names = values(tables, TableName::value);
        Map<TableName, List<Join>> out = new LinkedHashMap<>();
        for (Join join : store.read("MATCH (a:Table)-[j:JOINS]->(b:Table) WHERE a.name IN $names OR b.name IN $names"
                + " RETURN properties(j) AS p ORDER BY j.id", Map.of("names", names), r -> CatalogRows.join(props(r)))) {
            for (TableName end : new java.util.LinkedHashSet<>(List.of(join.from(), join.to()))) {
                if (names.contains(end.value())) {
                    out.computeIfAbsent(end, k -> new ArrayList<>()).add(join);
                }
            }
        }
        return out;
    }

    @Override
    public Map<NomenclatureName, Nomenclature> nomenclatures(Collection<NomenclatureName> names) {
        Map<NomenclatureName, Nomenclature> out = new LinkedHashMap<>();
        store.read("MATCH (n:Nomenclature) WHERE n.name IN $names RETURN properties(n) AS p ORDER BY n.name",
                Map.of("names", values(names, NomenclatureName::value)), r -> CatalogRows.nomenclature(props(r)))
                .forEach(n -> out.put(n.name(), n));
        return out;
    }

    @Override
    public Map<NomenclatureName, List<Variable>> variablesCodedBy(Collection<NomenclatureName> names) {
        Map<NomenclatureName, List<Variable>> out = new LinkedHashMap<>();
        store.read("MATCH (v:Variable)-[:CODED_BY]->(n:Nomenclature) WHERE n.name IN $names"
                        + " RETURN n.name AS owner, properties(v) AS p ORDER BY v.key",
                Map.of("names", values(names, NomenclatureName::value)),
                r -> Map.entry(NomenclatureName.of((String) r.get("owner")), CatalogRows.variable(props(r))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public Map<String, List<Variable>> variablesNamed(Collection<String> names) {
        Map<String, List<Variable>> out = new LinkedHashMap<>();
        store.read("MATCH (v:Variable) WHERE v.name IN $names RETURN properties(v) AS p ORDER BY v.key",
                Map.of("names", List.copyOf(names)), r -> CatalogRows.variable(props(r)))
                .forEach(v -> out.computeIfAbsent(v.ref().name(), k -> new ArrayList<>()).add(v));
        return out;
    }

    @Override
    public JoinNeighbourhood neighbourhood(TableName table, int depth, int limit) {
        if (depth < 1 || depth > 4) {
            throw new InvalidCatalogInputException("depth must be between 1 and 4, got " + depth);
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidCatalogInputException("limit must be between 1 and 500, got " + limit);
        }
        Neighbourhood hood = store.neighbourhood(NodeRef.of(GraphNames.TABLE, table.value()), Set.of(GraphNames.JOINS),
                depth, limit + 1);
        if (hood.nodes().isEmpty()) {
            throw new UnknownCatalogEntryException("No table named " + table + " in the catalog");
        }
        boolean truncated = hood.nodes().size() > limit;
        List<Table> tables = hood.nodes().stream().limit(limit).map(n -> CatalogRows.table(n.properties()))
                .sorted(java.util.Comparator.comparing((Table t) -> !t.name().equals(table)).thenComparing(t -> t.name().value()))
                .toList();
        java.util.Set<TableName> kept = tables.stream().map(Table::name).collect(java.util.stream.Collectors.toSet());
        List<Join> joins = hood.relationships().stream().map(r -> CatalogRows.join(r.properties()))
                .filter(j -> kept.contains(j.from()) && kept.contains(j.to())).toList();
        return new JoinNeighbourhood(table, tables, joins, truncated);
    }

    private static <T> List<String> values(Collection<T> ids, java.util.function.Function<T, String> value) {
        return ids.stream().map(value).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> record) {
        return (Map<String, Object>) record.get("p");
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }

    private static Map<String, Object> mapOf(Object... keyValues) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}

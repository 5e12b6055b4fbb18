package org.healthgraph.catalog.store.internal.neo4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

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
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;
import org.healthgraph.graph.NodeRef;
import org.healthgraph.graph.neo4j.Neo4jGraph;

/** The catalog store on Neo4j: parameterised Cypher, one statement per read, batched {@code UNWIND} writes. */
public final class Neo4jCatalogStore implements CatalogStore {

    private final Neo4jGraph graph;

    public Neo4jCatalogStore(Neo4jGraph graph) {
        this.graph = graph;
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.NEO4J;
    }

    @Override
    public void ensureSchema() {
        graph.ensureSchema(CatalogSchema.LABELS, CatalogSchema.INDEXES);
    }

    @Override
    public Optional<CatalogStamp> stamp() {
        return graph.read(CatalogSchema.READ_STAMP, Map.of("key", STAMP_KEY), Neo4jCatalogStore::stampOf).stream()
                .flatMap(Optional::stream).findFirst();
    }

    /** Empty for a stamp node caught between its creation and its first move (never committed so). */
    static Optional<CatalogStamp> stampOf(Map<String, Object> row) {
        Object version = row.get("version");
        Object token = row.get("token");
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
        return graph.read("MATCH (d:Dataset) RETURN properties(d) AS p ORDER BY d.name", Map.of(),
                r -> CatalogRows.dataset(props(r)));
    }

    @Override
    public List<Dataset> datasets(Collection<String> names) {
        return graph.read("MATCH (n:Dataset) WHERE n.name IN $keys RETURN properties(n) AS p ORDER BY n.name",
                keys(names), r -> CatalogRows.dataset(props(r)));
    }

    @Override
    public List<Table> tables() {
        return graph.read("MATCH (t:Table) RETURN properties(t) AS p ORDER BY t.name", Map.of(),
                r -> CatalogRows.table(props(r)));
    }

    @Override
    public List<Table> tables(Collection<String> names) {
        return graph.read("MATCH (t:Table) WHERE t.name IN $keys RETURN properties(t) AS p ORDER BY t.name",
                keys(names), r -> CatalogRows.table(props(r)));
    }

    @Override
    public Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets) {
        Map<String, List<Table>> out = new LinkedHashMap<>();
        graph.read("MATCH (d:Dataset)-[:HAS_TABLE]->(t:Table) WHERE d.name IN $keys"
                        + " RETURN d.name AS owner, properties(t) AS p ORDER BY t.name",
                keys(datasets), r -> Map.entry((String) r.get("owner"), CatalogRows.table(props(r))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public List<Variable> variables(Collection<String> keys) {
        return graph.read("MATCH (n:Variable) WHERE n.key IN $keys RETURN properties(n) AS p ORDER BY n.key",
                keys(keys), r -> CatalogRows.variable(props(r)));
    }

    @Override
    public List<Variable> variablesOfTables(Collection<String> tables) {
        return graph.read("MATCH (t:Table)-[:HAS_VARIABLE]->(v:Variable) WHERE t.name IN $keys"
                + " RETURN properties(v) AS p ORDER BY t.name, v.position, v.name", keys(tables),
                r -> CatalogRows.variable(props(r)));
    }

    @Override
    public List<Variable> variablesNamed(Collection<String> names) {
        return graph.read("MATCH (v:Variable) WHERE v.name IN $keys RETURN properties(v) AS p ORDER BY v.key",
                keys(names), r -> CatalogRows.variable(props(r)));
    }

    /** A seek on the key's index from the last key read: a page costs its size, not a scan and sort of the label. */
    @Override
    public List<Variable> variablesAfter(String afterKey, int limit) {
        return graph.read("MATCH (v:Variable) WHERE v.key > $after RETURN properties(v) AS p ORDER BY v.key LIMIT $limit",
                Map.of("after", afterKey, "limit", limit), r -> CatalogRows.variable(props(r)));
    }

    @Override
    public List<VariableChange> history(VariableRef variable) {
        return graph.read("MATCH (:Variable {key: $key})-[:HAS_CHANGE]->(c:Change) RETURN properties(c) AS p"
                + " ORDER BY c.at, c.field", Map.of("key", variable.key()), r -> CatalogRows.change(variable, props(r)));
    }

    @Override
    public List<Nomenclature> nomenclatures() {
        return graph.read("MATCH (n:Nomenclature) RETURN properties(n) AS p ORDER BY n.name", Map.of(),
                r -> CatalogRows.nomenclature(props(r)));
    }

    @Override
    public List<Nomenclature> nomenclatures(Collection<String> names) {
        return graph.read("MATCH (n:Nomenclature) WHERE n.name IN $keys RETURN properties(n) AS p ORDER BY n.name",
                keys(names), r -> CatalogRows.nomenclature(props(r)));
    }

    @Override
    public Map<String, List<Variable>> variablesCodedBy(Collection<String> lists) {
        Map<String, List<Variable>> out = new LinkedHashMap<>();
        graph.read("MATCH (v:Variable)-[:CODED_BY]->(n:Nomenclature) WHERE n.name IN $keys"
                        + " RETURN n.name AS owner, properties(v) AS p ORDER BY v.key",
                keys(lists), r -> Map.entry((String) r.get("owner"), CatalogRows.variable(props(r))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public long codeCount(String list, CodeFilter filter) {
        return graph.read(codeMatch(filter) + " RETURN count(c) AS n", codeParams(list, filter, Optional.empty(), false),
                r -> ((Number) r.get("n")).longValue()).getFirst();
    }

    @Override
    public List<Code> codes(String list, List<String> columns, CodeFilter filter, Optional<String> after, OptionalInt limit) {
        if (filter.isNone() && after.isEmpty() && limit.isEmpty()) {
            return graph.read("MATCH (:Nomenclature {name: $name})-[:HAS_CODE]->(c:Code)"
                    + " RETURN properties(c) AS p ORDER BY c.code", Map.of("name", list),
                    r -> CatalogRows.code(props(r), columns));
        }
        Map<String, Object> params = codeParams(list, filter, after, true);
        params.put("limit", limit.orElse(Integer.MAX_VALUE));
        return graph.read(codeMatch(filter) + " RETURN properties(c) AS p ORDER BY c.code LIMIT $limit",
                params, r -> CatalogRows.code(props(r), columns));
    }

    /**
     * A prefix is sought on the code key index ({@code LIST:PREFIX}), so that a short page of a long
     * list reads only its range; the words are compared with the label's folded words ({@code words},
     * written with the code; the lowercased label for codes written before it existed).
     */
    private static String codeMatch(CodeFilter filter) {
        String match = filter.prefix().isPresent()
                ? "MATCH (c:Code) WHERE c.key STARTS WITH $keyPrefix AND EXISTS { (:Nomenclature {name: $name})-[:HAS_CODE]->(c) }"
                : "MATCH (:Nomenclature {name: $name})-[:HAS_CODE]->(c:Code) WHERE true";
        return match + " AND ($after IS NULL OR c.code > $after) AND ($startAt IS NULL OR c.code >= $startAt)"
                + " AND all(w IN $words WHERE coalesce(c.words, ' ' + toLower(coalesce(c.label, ''))) CONTAINS w)";
    }

    private static Map<String, Object> codeParams(String list, CodeFilter filter, Optional<String> after, boolean paged) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", list);
        params.put("keyPrefix", GraphKeys.code(list, filter.prefix().orElse("-")));
        params.put("after", after.orElse(null));
        params.put("startAt", paged ? filter.startAt().orElse(null) : null);
        params.put("words", filter.words().stream().map(w -> " " + w).toList());
        return params;
    }

    @Override
    public List<Code> codes(Collection<String> keys) {
        return graph.read("MATCH (c:Code) WHERE c.key IN $keys OPTIONAL MATCH (n:Nomenclature {name: c.nomenclature})"
                + " RETURN properties(c) AS p, n.columnNames AS columns ORDER BY c.key", keys(keys),
                r -> CatalogRows.code(props(r), CatalogRows.strings(r, "columns")));
    }

    @Override
    public List<Code> codesAfter(String afterKey, int limit, Map<String, List<String>> columnsByList) {
        return graph.read("MATCH (c:Code) WHERE c.key > $after RETURN properties(c) AS p ORDER BY c.key LIMIT $limit",
                Map.of("after", afterKey, "limit", limit), r -> {
                    Map<String, Object> p = props(r);
                    return CatalogRows.code(p, columnsByList.getOrDefault(CatalogRows.str(p, "nomenclature"), List.of()));
                });
    }

    @Override
    public List<Join> joins() {
        return graph.read("MATCH (:Table)-[j:JOINS]->(:Table) RETURN properties(j) AS p ORDER BY j.id", Map.of(),
                r -> CatalogRows.join(props(r)));
    }

    @Override
    public List<Join> joinsOfTables(Collection<String> tables) {
        return graph.read("MATCH (a:Table)-[j:JOINS]->(b:Table) WHERE a.name IN $keys OR b.name IN $keys"
                + " RETURN properties(j) AS p ORDER BY j.id", keys(tables), r -> CatalogRows.join(props(r)));
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
        return byKey(CatalogRows.label(kind), keys);
    }

    @Override
    public List<Map<String, Object>> records(Label label, String property, String value) {
        if (!CatalogRows.CURATION_LABELS.contains(label)) {
            throw new IllegalArgumentException("not a curation label: " + label.name());
        }
        return graph.read("MATCH (n:" + label.name() + ") WHERE n." + property + " = $value RETURN properties(n) AS p",
                Map.of("value", value), Neo4jCatalogStore::props);
    }

    @Override
    public Map<String, Map<String, Object>> records(Label label, Collection<String> keys) {
        return byKey(label, keys);
    }

    private Map<String, Map<String, Object>> byKey(Label label, Collection<String> keys) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> p : graph.read("MATCH (n:" + label.name() + ") WHERE n." + label.keyProperty()
                + " IN $keys RETURN properties(n) AS p", keys(keys), Neo4jCatalogStore::props)) {
            out.put(String.valueOf(p.get(label.keyProperty())), p);
        }
        return out;
    }

    @Override
    public <T> T write(Function<CatalogTransaction, T> work) {
        return graph.writeCypher(w -> work.apply(new Neo4jCatalogTransaction(w)));
    }

    private static Map<String, Object> keys(Collection<String> keys) {
        return Map.of("keys", keys.stream().distinct().toList());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> record) {
        return (Map<String, Object>) record.get("p");
    }
}

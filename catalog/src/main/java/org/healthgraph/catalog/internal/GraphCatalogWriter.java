package org.healthgraph.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogChangeListener;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.neo4j.CypherWriter;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes catalog units into the graph, one transaction each. Every kind of entry is written the same
 * way: read the nodes that already exist, compare property by property, and send only the created
 * or changed rows in {@code UNWIND} batches; so a unit written twice costs a read and changes nothing.
 */
public final class GraphCatalogWriter implements CatalogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphCatalogWriter.class);
    /** Rows per statement inside the unit's transaction. */
    static final int BATCH = 10_000;
    /** Variable fields whose changes are recorded in history. */
    private static final List<String> TRACKED = List.of("description", "type", "length", "format", "constraints",
            "codedBy", "dateCreated", "dateDeleted", "dateMissing", "observation", "managementRule");

    private final Neo4jGraph store;
    private final List<CatalogChangeListener> listeners = new CopyOnWriteArrayList<>();

    public GraphCatalogWriter(GraphStore store) {
        this.store = Neo4jGraph.require(Objects.requireNonNull(store, "store"), "the catalog");
    }

    @Override
    public void ensureSchema() {
        store.ensureSchema(List.of(GraphNames.DATASET, GraphNames.TABLE, GraphNames.VARIABLE, GraphNames.NOMENCLATURE,
                        GraphNames.CODE, GraphNames.CHANGE, GraphNames.CATALOG_SOURCE),
                List.of(new PropertyIndex(GraphNames.VARIABLE, "table"), new PropertyIndex(GraphNames.TABLE, "dataset")));
    }

    @Override
    public CatalogChange write(CatalogUnit unit) {
        Instant at = Instant.now();
        CatalogChange change;
        try {
            change = store.writeCypher(w -> new UnitWrite(w, unit, at).run());
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write " + unit.source() + ": " + e.getMessage(), e);
        }
        tell(change);
        return change;
    }

    private void tell(CatalogChange change) {
        if (!change.isEmpty()) {
            for (CatalogChangeListener listener : listeners) {
                try {
                    listener.committed(change);
                } catch (RuntimeException e) {
                    LOG.warn("A catalog change listener failed on {}; the write stands", change.source(), e);
                }
            }
        }
    }

    @Override
    public CatalogChange delete(String source, EntryKind kind, Collection<String> keys) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        if (keys.isEmpty()) {
            return new CatalogChange(source, Map.of(), 0, 0, 0, List.of(), false);
        }
        CatalogChange change;
        try {
            change = store.writeCypher(w -> deleteIn(w, source, kind, List.copyOf(keys)));
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot delete " + kind + " entries for " + source + ": " + e.getMessage(), e);
        }
        tell(change);
        return change;
    }

    /** Finds what the deleted entries hold, deletes it all, clears the import fingerprints. */
    private static CatalogChange deleteIn(CypherWriter w, String source, EntryKind kind, List<String> keys) {
        Map<EntryKind, Set<String>> gone = new EnumMap<>(EntryKind.class);
        Function<String, Set<String>> found = statement -> new LinkedHashSet<>(w.run(statement, Map.of("keys", keys))
                .stream().map(r -> (String) r.get("k")).toList());
        switch (kind) {
            case DATASET -> {
                gone.put(EntryKind.DATASET, found.apply("MATCH (n:Dataset) WHERE n.name IN $keys RETURN n.name AS k"));
                gone.put(EntryKind.TABLE, found.apply("MATCH (t:Table) WHERE t.dataset IN $keys RETURN t.name AS k"));
            }
            case TABLE -> gone.put(EntryKind.TABLE, found.apply("MATCH (t:Table) WHERE t.name IN $keys RETURN t.name AS k"));
            case VARIABLE -> gone.put(EntryKind.VARIABLE,
                    found.apply("MATCH (v:Variable) WHERE v.key IN $keys RETURN v.key AS k"));
            case NOMENCLATURE -> {
                gone.put(EntryKind.NOMENCLATURE,
                        found.apply("MATCH (n:Nomenclature) WHERE n.name IN $keys RETURN n.name AS k"));
                gone.put(EntryKind.CODE, found.apply("MATCH (n:Nomenclature)-[:HAS_CODE]->(c:Code) WHERE n.name IN $keys"
                        + " RETURN c.key AS k"));
            }
            case CODE -> gone.put(EntryKind.CODE, found.apply("MATCH (c:Code) WHERE c.key IN $keys RETURN c.key AS k"));
        }
        Set<String> tables = gone.getOrDefault(EntryKind.TABLE, Set.of());
        if (!tables.isEmpty()) {
            gone.put(EntryKind.VARIABLE, new LinkedHashSet<>(w.run("MATCH (v:Variable) WHERE v.table IN $tables"
                    + " RETURN v.key AS k", Map.of("tables", List.copyOf(tables))).stream()
                    .map(r -> (String) r.get("k")).toList()));
        }
        gone.values().removeIf(Set::isEmpty);
        long deleted = 0;
        for (EntryKind k : List.of(EntryKind.CODE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE, EntryKind.TABLE,
                EntryKind.DATASET)) {
            List<String> all = List.copyOf(gone.getOrDefault(k, Set.of()));
            for (int from = 0; from < all.size(); from += BATCH) {
                deleted += w.deleteNodes(label(k), all.subList(from, Math.min(all.size(), from + BATCH)));
            }
        }
        if (deleted > 0) {
            w.run("MATCH (s:CatalogSource) WHERE s.fingerprint IS NOT NULL REMOVE s.fingerprint", Map.of());
        }
        return new CatalogChange(source, Map.of(), 0, 0, 0, List.of(), false, gone);
    }

    private static Label label(EntryKind kind) {
        return switch (kind) {
            case DATASET -> GraphNames.DATASET;
            case TABLE -> GraphNames.TABLE;
            case VARIABLE -> GraphNames.VARIABLE;
            case NOMENCLATURE -> GraphNames.NOMENCLATURE;
            case CODE -> GraphNames.CODE;
        };
    }

    @Override
    public void addListener(CatalogChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(CatalogChangeListener listener) {
        listeners.remove(listener);
    }

    /** The writing of one unit inside its transaction. */
    private static final class UnitWrite {
        private final CypherWriter w;
        private final CatalogUnit unit;
        private final Instant at;
        private final Map<EntryKind, Set<String>> changed = new EnumMap<>(EntryKind.class);
        private final List<VariableChange> history = new ArrayList<>();
        private long created;
        private long updated;
        private long unchanged;

        UnitWrite(CypherWriter w, CatalogUnit unit, Instant at) {
            this.w = w;
            this.unit = unit;
            this.at = at;
        }

        CatalogChange run() {
            if (unit.fingerprint().isPresent() && unit.fingerprint().get().equals(storedFingerprint())) {
                return new CatalogChange(unit.source(), Map.of(), 0, 0, unit.size(), List.of(), true);
            }
            writeDatasets();
            writeTables();
            writeNomenclatures();
            writeVariables();
            writeCodes();
            writeJoins();
            unit.fingerprint().ifPresent(f -> w.run("MERGE (s:CatalogSource {name: $name}) SET s.fingerprint = $f,"
                    + " s.importedAt = $at", Map.of("name", unit.source(), "f", f, "at", at.toString())));
            return new CatalogChange(unit.source(), changed, created, updated, unchanged, history, false);
        }

        private String storedFingerprint() {
            return w.run("MATCH (s:CatalogSource {name: $name}) RETURN s.fingerprint AS f", Map.of("name", unit.source()))
                    .stream().map(r -> (String) r.get("f")).filter(Objects::nonNull).findFirst().orElse(null);
        }

        private void writeDatasets() {
            // A table's unit names its dataset without a title: never blank out a title set elsewhere.
            List<Map<String, Object>> rows = unit.datasets().stream().map(CatalogRows::dataset)
                    .map(UnitWrite::withoutNulls).toList();
            List<Map<String, Object>> toWrite = diff(GraphNames.DATASET, EntryKind.DATASET, rows, (before, after) -> {
                Map<String, Object> merged = new HashMap<>(before);
                merged.putAll(after);
                return merged;
            });
            upsert(GraphNames.DATASET, toWrite);
        }

        private void writeTables() {
            List<Map<String, Object>> rows = unit.tables().stream().map(CatalogRows::table).toList();
            upsert(GraphNames.TABLE, diff(GraphNames.TABLE, EntryKind.TABLE, rows, null));
            Set<String> datasets = new LinkedHashSet<>();
            unit.tables().forEach(t -> datasets.add(t.dataset()));
            unit.datasets().forEach(d -> datasets.remove(d.name()));
            requireExisting(GraphNames.DATASET, datasets, "dataset");
            List<Map<String, Object>> links = unit.tables().stream()
                    .map(t -> Map.<String, Object>of("d", t.dataset(), "t", t.name().value())).toList();
            batches(links, b -> w.run("UNWIND $rows AS r MATCH (t:Table {name: r.t})"
                    + " OPTIONAL MATCH (old:Dataset)-[x:HAS_TABLE]->(t) WHERE old.name <> r.d DELETE x"
                    + " WITH DISTINCT t, r MATCH (d:Dataset {name: r.d}) MERGE (d)-[:HAS_TABLE]->(t)", Map.of("rows", b)));
        }

        private void writeNomenclatures() {
            List<Map<String, Object>> rows = unit.nomenclatures().stream().map(CatalogRows::nomenclature).toList();
            upsert(GraphNames.NOMENCLATURE, diff(GraphNames.NOMENCLATURE, EntryKind.NOMENCLATURE, rows, null));
        }

        private void writeVariables() {
            if (unit.variables().isEmpty()) {
                return;
            }
            Set<String> tables = new LinkedHashSet<>();
            unit.variables().forEach(v -> tables.add(v.ref().table().value()));
            unit.tables().forEach(t -> tables.remove(t.name().value()));
            requireExisting(GraphNames.TABLE, tables, "table");
            List<Map<String, Object>> rows = unit.variables().stream().map(CatalogRows::variable).toList();
            Map<String, Map<String, Object>> before = existing(GraphNames.VARIABLE, keys(GraphNames.VARIABLE, rows));
            List<Map<String, Object>> toWrite = diff(EntryKind.VARIABLE, GraphNames.VARIABLE, rows, before, null);
            recordHistory(toWrite, before);
            upsert(GraphNames.VARIABLE, toWrite);
            List<Map<String, Object>> links = new ArrayList<>();
            // Links are rewritten for every variable, changed or not: a code list imported after its
            // variables must still get linked.
            for (Variable v : unit.variables()) {
                Map<String, Object> link = new HashMap<>();
                link.put("key", v.ref().key());
                link.put("table", v.ref().table().value());
                link.put("nom", v.codedBy().map(c -> c.nomenclature().value()).orElse(null));
                link.put("col", v.codedBy().flatMap(c -> c.column()).orElse(null));
                links.add(link);
            }
            batches(links, b -> w.run("UNWIND $rows AS r MATCH (t:Table {name: r.table}) MATCH (v:Variable {key: r.key})"
                    + " MERGE (t)-[:HAS_VARIABLE]->(v)"
                    + " WITH v, r OPTIONAL MATCH (v)-[old:CODED_BY]->(m) WHERE r.nom IS NULL OR m.name <> r.nom DELETE old"
                    + " WITH DISTINCT v, r WHERE r.nom IS NOT NULL"
                    + " MATCH (n:Nomenclature {name: r.nom}) MERGE (v)-[c:CODED_BY]->(n) SET c.column = r.col",
                    Map.of("rows", b)));
        }

        private void recordHistory(List<Map<String, Object>> toWrite, Map<String, Map<String, Object>> before) {
            List<Map<String, Object>> changes = new ArrayList<>();
            for (Map<String, Object> row : toWrite) {
                String key = (String) row.get("key");
                Map<String, Object> old = before.get(key);
                if (old == null) {
                    continue;
                }
                for (String field : TRACKED) {
                    Object o = normalise(old.get(field));
                    Object n = normalise(row.get(field));
                    if (!Objects.equals(o, n)) {
                        String oldText = display(o);
                        String newText = display(n);
                        history.add(new VariableChange(VariableRef.parse(key), field, oldText, newText, unit.source(), at));
                        changes.add(Map.of("id", UUID.randomUUID().toString(), "variable", key, "field", field,
                                "old", oldText, "new", newText, "source", unit.source(), "at", at.toString()));
                    }
                }
            }
            batches(changes, b -> w.run("UNWIND $rows AS r MATCH (v:Variable {key: r.variable})"
                    + " CREATE (v)-[:HAS_CHANGE]->(:Change {id: r.id, variable: r.variable, field: r.field, old: r.old,"
                    + " new: r.new, source: r.source, at: r.at})", Map.of("rows", b)));
        }

        private void writeCodes() {
            if (unit.codes().isEmpty()) {
                return;
            }
            Map<String, List<String>> columnsByList = new HashMap<>();
            for (Nomenclature n : unit.nomenclatures()) {
                columnsByList.put(n.name().value(), n.columns().stream().map(NomenclatureColumn::name).toList());
            }
            Set<String> lists = new LinkedHashSet<>();
            unit.codes().forEach(c -> lists.add(c.ref().nomenclature().value()));
            Set<String> absent = new LinkedHashSet<>(lists);
            absent.removeAll(columnsByList.keySet());
            requireExisting(GraphNames.NOMENCLATURE, absent, "code list");
            for (String list : lists) {
                if (!columnsByList.containsKey(list)) {
                    columnsByList.put(list, w.run("MATCH (n:Nomenclature {name: $name}) RETURN n.columnNames AS c",
                            Map.of("name", list)).stream().findFirst()
                            .map(r -> CatalogRows.strings(r, "c")).orElse(List.of()));
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>(unit.codes().size());
            for (Code c : unit.codes()) {
                rows.add(CatalogRows.code(c, columnsByList.get(c.ref().nomenclature().value())));
            }
            // A list none of whose codes exist yet (the usual first import) needs no comparison: one
            // prefix seek on the key index tells.
            Map<String, Map<String, Object>> before = new HashMap<>();
            List<String> listsWithCodes = lists.stream().filter(this::hasAnyCode).toList();
            if (!listsWithCodes.isEmpty()) {
                before = existing(GraphNames.CODE, rows.stream().filter(r -> listsWithCodes.contains(r.get("nomenclature")))
                        .map(r -> (String) r.get("key")).toList());
            }
            List<Map<String, Object>> toWrite = diff(EntryKind.CODE, GraphNames.CODE, rows, before, null);
            // New codes are created outright: MERGE of a relationship from a list holding tens of thousands
            // of codes would scan them for every row. Codes already present (changed, or created by the
            // patient data without their list) are merged.
            Map<Boolean, List<Map<String, Object>>> byPresence = new HashMap<>();
            Map<String, Map<String, Object>> present = before;
            toWrite.forEach(r -> byPresence.computeIfAbsent(present.containsKey((String) r.get("key")), k -> new ArrayList<>())
                    .add(r));
            for (String list : lists) {
                List<Map<String, Object>> fresh = byPresence.getOrDefault(false, List.of()).stream()
                        .filter(r -> list.equals(r.get("nomenclature"))).toList();
                // Sent as lists rather than maps: a third less to pack and unpack for 400,000 codes.
                List<List<Object>> compact = fresh.stream().map(r -> List.<Object>of(r.get("key"), r.get("code"),
                        r.getOrDefault("label", "") == null ? "" : r.getOrDefault("label", ""), r.get("values"))).toList();
                batches(compact, b -> w.run("MATCH (n:Nomenclature {name: $list}) UNWIND $rows AS r"
                        + " CREATE (n)-[:HAS_CODE]->(c:Code {key: r[0], nomenclature: $list, code: r[1], values: r[3]})"
                        + " WITH c, r WHERE r[2] <> '' SET c.label = r[2]", Map.of("list", list, "rows", b)));
            }
            batches(byPresence.getOrDefault(true, List.of()), b -> w.run("UNWIND $rows AS r MATCH (c:Code {key: r.key})"
                    + " SET c += r WITH c, r MATCH (n:Nomenclature {name: r.nomenclature})"
                    + " OPTIONAL MATCH (c)<-[h:HAS_CODE]-(n) WITH c, n, h WHERE h IS NULL CREATE (n)-[:HAS_CODE]->(c)",
                    Map.of("rows", b)));
        }

        private boolean hasAnyCode(String list) {
            return !w.run("MATCH (c:Code) WHERE c.key STARTS WITH $prefix RETURN c.key AS k LIMIT 1",
                    Map.of("prefix", list + ":")).isEmpty();
        }

        private void writeJoins() {
            if (unit.joins().isEmpty()) {
                return;
            }
            Set<String> tables = new LinkedHashSet<>();
            unit.joins().forEach(j -> {
                tables.add(j.from().value());
                tables.add(j.to().value());
            });
            requireExisting(GraphNames.TABLE, tables, "table");
            List<Map<String, Object>> rows = unit.joins().stream().map(CatalogRows::join).toList();
            List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
            Map<String, Map<String, Object>> before = new HashMap<>();
            for (Map<String, Object> r : w.run("MATCH ()-[j:JOINS]->() WHERE j.id IN $ids RETURN properties(j) AS p",
                    Map.of("ids", ids))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) r.get("p");
                before.put((String) p.get("id"), p);
            }
            List<Map<String, Object>> toWrite = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Map<String, Object> old = before.get(row.get("id"));
                if (old == null || !sameProperties(old, row)) {
                    toWrite.add(row);
                    count(old == null);
                    changed.computeIfAbsent(EntryKind.TABLE, k -> new LinkedHashSet<>()).add((String) row.get("fromTable"));
                    changed.get(EntryKind.TABLE).add((String) row.get("toTable"));
                } else {
                    unchanged++;
                }
            }
            batches(toWrite, b -> w.run("UNWIND $rows AS r MATCH (a:Table {name: r.fromTable}) MATCH (b:Table {name: r.toTable})"
                    + " MERGE (a)-[j:JOINS {id: r.id}]->(b) SET j += r", Map.of("rows", b)));
        }

        /** Rows that differ from the stored nodes, counting and noting the changed keys. */
        private List<Map<String, Object>> diff(Label label, EntryKind kind, List<Map<String, Object>> rows,
                                               java.util.function.BinaryOperator<Map<String, Object>> merge) {
            return diff(kind, label, rows, existing(label, keys(label, rows)), merge);
        }

        private List<Map<String, Object>> diff(EntryKind kind, Label label, List<Map<String, Object>> rows,
                                               Map<String, Map<String, Object>> before,
                                               java.util.function.BinaryOperator<Map<String, Object>> merge) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                String key = (String) row.get(label.keyProperty());
                Map<String, Object> old = before.get(key);
                Map<String, Object> target = old != null && merge != null ? merge.apply(old, row) : row;
                if (old == null || !sameProperties(old, target)) {
                    out.add(row);
                    count(old == null);
                    changed.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(key);
                } else {
                    unchanged++;
                }
            }
            return out;
        }

        private void count(boolean isNew) {
            if (isNew) {
                created++;
            } else {
                updated++;
            }
        }

        private Map<String, Map<String, Object>> existing(Label label, List<String> keys) {
            Map<String, Map<String, Object>> out = new HashMap<>();
            batches(keys, b -> {
                for (Map<String, Object> r : w.run("MATCH (n:" + label.name() + ") WHERE n." + label.keyProperty()
                        + " IN $keys RETURN properties(n) AS p", Map.of("keys", b))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) r.get("p");
                    out.put((String) p.get(label.keyProperty()), p);
                }
                return null;
            });
            return out;
        }

        private void requireExisting(Label label, Collection<String> keys, String what) {
            List<String> missing = new ArrayList<>();
            batches(List.copyOf(keys), b -> {
                for (Map<String, Object> r : w.run("UNWIND $keys AS k OPTIONAL MATCH (n:" + label.name() + " {"
                        + label.keyProperty() + ": k}) WITH k, n WHERE n IS NULL RETURN k", Map.of("keys", b))) {
                    missing.add((String) r.get("k"));
                }
                return null;
            });
            if (!missing.isEmpty()) {
                throw new CatalogException(unit.source() + " refers to unknown " + what + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing.subList(0, Math.min(10, missing.size()))));
            }
        }

        private void upsert(Label label, List<Map<String, Object>> rows) {
            batches(rows, b -> w.run("UNWIND $rows AS r MERGE (n:" + label.name() + " {" + label.keyProperty() + ": r."
                    + label.keyProperty() + "}) SET n += r", Map.of("rows", b)));
        }

        private static List<String> keys(Label label, List<Map<String, Object>> rows) {
            return rows.stream().map(r -> (String) r.get(label.keyProperty())).toList();
        }

        private static <T> void batches(List<T> rows, Function<List<T>, ?> work) {
            for (int from = 0; from < rows.size(); from += BATCH) {
                work.apply(rows.subList(from, Math.min(rows.size(), from + BATCH)));
            }
        }

        private static Map<String, Object> withoutNulls(Map<String, Object> row) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
            return out;
        }
    }

    /** True when every property of {@code row} equals the stored one (absent, null and empty list alike). */
    static boolean sameProperties(Map<String, Object> stored, Map<String, Object> row) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (!Objects.equals(normalise(stored.get(e.getKey())), normalise(e.getValue()))) {
                return false;
            }
        }
        return true;
    }

    static Object normalise(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s && s.isEmpty()) {
            return null;
        }
        return value;
    }

    private static String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}

package org.healthgraph.catalog.store.internal.neo4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.internal.CatalogRows;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogTransaction;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.neo4j.CypherWriter;

/**
 * One catalog transaction in Cypher: every write is an {@code UNWIND} of up to {@link #BATCH} rows,
 * every look-up one {@code IN $keys} statement per batch, on the labels' key indexes.
 */
final class Neo4jCatalogTransaction implements CatalogTransaction {

    /** Rows per statement inside the transaction. */
    static final int BATCH = 10_000;

    private final CypherWriter w;

    Neo4jCatalogTransaction(CypherWriter w) {
        this.w = w;
    }

    @Override
    public Optional<String> fingerprint(String source) {
        return w.run("MATCH (s:CatalogSource {name: $name}) RETURN s.fingerprint AS f", Map.of("name", source))
                .stream().map(r -> (String) r.get("f")).filter(Objects::nonNull).findFirst();
    }

    @Override
    public void recordFingerprint(String source, String fingerprint, Instant at) {
        w.run("MERGE (s:CatalogSource {name: $name}) SET s.fingerprint = $f, s.importedAt = $at",
                Map.of("name", source, "f", fingerprint, "at", at.toString()));
    }

    @Override
    public void clearFingerprints() {
        w.run("MATCH (s:CatalogSource) WHERE s.fingerprint IS NOT NULL REMOVE s.fingerprint", Map.of());
    }

    @Override
    public CatalogStamp moveStamp() {
        Map<String, Object> key = Map.of("key", CatalogStore.STAMP_KEY);
        w.run(CatalogSchema.LOCK_STAMP, key);
        return Neo4jCatalogStore.stampOf(w.run(CatalogSchema.MOVE_STAMP,
                Map.of("key", CatalogStore.STAMP_KEY, "token", UUID.randomUUID().toString())).getFirst()).orElseThrow();
    }

    @Override
    public Map<String, Map<String, Object>> existing(EntryKind kind, Collection<String> keys) {
        Label label = CatalogRows.label(kind);
        Map<String, Map<String, Object>> out = new HashMap<>();
        batches(List.copyOf(keys), b -> {
            for (Map<String, Object> r : w.run("MATCH (n:" + label.name() + ") WHERE n." + label.keyProperty()
                    + " IN $keys RETURN properties(n) AS p", Map.of("keys", b))) {
                Map<String, Object> p = Neo4jCatalogStore.props(r);
                out.put((String) p.get(label.keyProperty()), p);
            }
        });
        return out;
    }

    @Override
    public Set<String> present(EntryKind kind, Collection<String> keys) {
        Label label = CatalogRows.label(kind);
        Set<String> missing = new LinkedHashSet<>();
        batches(List.copyOf(keys), b -> {
            for (Map<String, Object> r : w.run("UNWIND $keys AS k OPTIONAL MATCH (n:" + label.name() + " {"
                    + label.keyProperty() + ": k}) WITH k, n WHERE n IS NULL RETURN k", Map.of("keys", b))) {
                missing.add((String) r.get("k"));
            }
        });
        Set<String> out = new LinkedHashSet<>(keys);
        out.removeAll(missing);
        return out;
    }

    @Override
    public void upsert(EntryKind kind, List<Map<String, Object>> rows) {
        Label label = CatalogRows.label(kind);
        batches(rows, b -> w.run("UNWIND $rows AS r MERGE (n:" + label.name() + " {" + label.keyProperty() + ": r."
                + label.keyProperty() + "}) SET n += r", Map.of("rows", b)));
    }

    @Override
    public void placeTables(List<TablePlacement> placements) {
        List<Map<String, Object>> links = placements.stream()
                .map(p -> Map.<String, Object>of("d", p.dataset(), "t", p.table())).toList();
        batches(links, b -> w.run("UNWIND $rows AS r MATCH (t:Table {name: r.t})"
                + " OPTIONAL MATCH (old:Dataset)-[x:HAS_TABLE]->(t) WHERE old.name <> r.d DELETE x"
                + " WITH DISTINCT t, r MATCH (d:Dataset {name: r.d}) MERGE (d)-[:HAS_TABLE]->(t)", Map.of("rows", b)));
    }

    @Override
    public void linkVariables(List<VariableLink> links) {
        List<Map<String, Object>> rows = new ArrayList<>(links.size());
        for (VariableLink v : links) {
            Map<String, Object> link = new HashMap<>();
            link.put("key", v.variable());
            link.put("table", v.table());
            link.put("nom", v.nomenclature().orElse(null));
            link.put("col", v.column().orElse(null));
            rows.add(link);
        }
        batches(rows, b -> w.run("UNWIND $rows AS r MATCH (t:Table {name: r.table}) MATCH (v:Variable {key: r.key})"
                + " MERGE (t)-[:HAS_VARIABLE]->(v)"
                + " WITH v, r OPTIONAL MATCH (v)-[old:CODED_BY]->(m) WHERE r.nom IS NULL OR m.name <> r.nom DELETE old"
                + " WITH DISTINCT v, r WHERE r.nom IS NOT NULL"
                + " MATCH (n:Nomenclature {name: r.nom}) MERGE (v)-[c:CODED_BY]->(n) SET c.column = r.col",
                Map.of("rows", b)));
    }

    @Override
    public void recordHistory(List<VariableChange> changes) {
        List<Map<String, Object>> rows = changes.stream()
                .map(c -> CatalogRows.change(c, UUID.randomUUID().toString())).toList();
        batches(rows, b -> w.run("UNWIND $rows AS r MATCH (v:Variable {key: r.variable})"
                + " CREATE (v)-[:HAS_CHANGE]->(:Change {id: r.id, variable: r.variable, field: r.field, old: r.old,"
                + " new: r.new, source: r.source, at: r.at})", Map.of("rows", b)));
    }

    @Override
    public Optional<List<String>> columnNames(String list) {
        return w.run("MATCH (n:Nomenclature {name: $name}) RETURN n.columnNames AS c", Map.of("name", list)).stream()
                .findFirst().map(r -> CatalogRows.strings(r, "c"));
    }

    /** One prefix seek on the key index. */
    @Override
    public boolean hasAnyCode(String list) {
        return !w.run("MATCH (c:Code) WHERE c.key STARTS WITH $prefix RETURN c.key AS k LIMIT 1",
                Map.of("prefix", list + ":")).isEmpty();
    }

    /**
     * New codes are created outright: MERGE of a relationship from a list holding tens of thousands of
     * codes would scan them for every row. Sent as lists rather than maps: a third less to pack and
     * unpack for 400,000 codes.
     */
    @Override
    public void createCodes(String list, List<Map<String, Object>> rows) {
        List<List<Object>> compact = rows.stream().map(r -> List.<Object>of(r.get("key"), r.get("code"),
                r.getOrDefault("label", "") == null ? "" : r.getOrDefault("label", ""), r.get("values"),
                r.getOrDefault("words", "") == null ? "" : r.getOrDefault("words", ""))).toList();
        batches(compact, b -> w.run("MATCH (n:Nomenclature {name: $list}) UNWIND $rows AS r"
                + " CREATE (n)-[:HAS_CODE]->(c:Code {key: r[0], nomenclature: $list, code: r[1], values: r[3]})"
                + " WITH c, r WHERE r[2] <> '' SET c.label = r[2], c.words = r[4]", Map.of("list", list, "rows", b)));
    }

    @Override
    public void mergeCodes(List<Map<String, Object>> rows) {
        batches(rows, b -> w.run("UNWIND $rows AS r MATCH (c:Code {key: r.key})"
                + " SET c += r WITH c, r MATCH (n:Nomenclature {name: r.nomenclature})"
                + " OPTIONAL MATCH (c)<-[h:HAS_CODE]-(n) WITH c, n, h WHERE h IS NULL CREATE (n)-[:HAS_CODE]->(c)",
                Map.of("rows", b)));
    }

    @Override
    public Map<String, Map<String, Object>> existingJoins(Collection<String> ids) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> r : w.run("MATCH ()-[j:JOINS]->() WHERE j.id IN $ids RETURN properties(j) AS p",
                Map.of("ids", List.copyOf(ids)))) {
            Map<String, Object> p = Neo4jCatalogStore.props(r);
            out.put((String) p.get("id"), p);
        }
        return out;
    }

    @Override
    public void upsertJoins(List<Map<String, Object>> rows) {
        batches(rows, b -> w.run("UNWIND $rows AS r MATCH (a:Table {name: r.fromTable}) MATCH (b:Table {name: r.toTable})"
                + " MERGE (a)-[j:JOINS {id: r.id}]->(b) SET j += r", Map.of("rows", b)));
    }

    @Override
    public Set<String> tablesOfDatasets(Collection<String> datasets) {
        return keys("MATCH (t:Table) WHERE t.dataset IN $keys RETURN t.name AS k", datasets);
    }

    @Override
    public Set<String> variablesOfTables(Collection<String> tables) {
        return keys("MATCH (v:Variable) WHERE v.table IN $keys RETURN v.key AS k", tables);
    }

    @Override
    public Set<String> codesOfLists(Collection<String> lists) {
        return keys("MATCH (n:Nomenclature)-[:HAS_CODE]->(c:Code) WHERE n.name IN $keys RETURN c.key AS k", lists);
    }

    @Override
    public long delete(EntryKind kind, Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        long deleted = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            deleted += w.deleteNodes(CatalogRows.label(kind), all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return deleted;
    }

    /**
     * Setting a property takes the node's write lock until the transaction ends (Neo4j's documented way
     * to lock explicitly); removing it at once leaves the node as it was.
     */
    @Override
    public void lock(Label label, Collection<String> keys) {
        if (!keys.isEmpty()) {
            w.run("UNWIND $keys AS k MATCH (n:" + label.name() + " {" + label.keyProperty() + ": k})"
                    + " SET n.curationLock = true REMOVE n.curationLock", Map.of("keys", keys.stream().sorted().toList()));
        }
    }

    @Override
    public Map<String, Map<String, Object>> records(Label label, Collection<String> keys) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> r : w.run("MATCH (n:" + label.name() + ") WHERE n." + label.keyProperty()
                + " IN $keys RETURN properties(n) AS p", Map.of("keys", List.copyOf(keys)))) {
            Map<String, Object> p = Neo4jCatalogStore.props(r);
            out.put((String) p.get(label.keyProperty()), p);
        }
        return out;
    }

    @Override
    public void putRecords(Label label, List<Map<String, Object>> rows) {
        batches(rows, b -> w.run("UNWIND $rows AS r MERGE (n:" + label.name() + " {" + label.keyProperty() + ": r."
                + label.keyProperty() + "}) SET n += r", Map.of("rows", b)));
    }

    @Override
    public void deleteJoins(Collection<String> ids) {
        if (!ids.isEmpty()) {
            w.run("MATCH ()-[j:JOINS]->() WHERE j.id IN $ids DELETE j", Map.of("ids", List.copyOf(ids)));
        }
    }

    private Set<String> keys(String statement, Collection<String> keys) {
        return new LinkedHashSet<>(w.run(statement, Map.of("keys", List.copyOf(keys))).stream()
                .map(r -> (String) r.get("k")).toList());
    }

    private static <T> void batches(List<T> rows, java.util.function.Consumer<List<T>> work) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            work.accept(rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }
}

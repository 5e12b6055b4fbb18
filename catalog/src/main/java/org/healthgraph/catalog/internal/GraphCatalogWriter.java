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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogChangeListener;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodedBy;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureColumn;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.store.CatalogStamp;
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.catalog.store.CatalogTransaction;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStoreException;
import org.healthgraph.graph.Label;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes catalog units into the graph through the {@link CatalogStore}, one transaction each. Every
 * kind of entry is written the same way: read the nodes that already exist, compare property by
 * property, and send only the created or changed rows in batches; so a unit written twice costs a
 * read and changes nothing. This class holds the rules (diffing, history, validation, fingerprints,
 * listeners); the store holds the queries.
 */
public final class GraphCatalogWriter implements CatalogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphCatalogWriter.class);
    /** Variable fields whose changes are recorded in history. */
    private static final List<String> TRACKED = List.of("description", "type", "length", "format", "constraints",
            "codedBy", "dateCreated", "dateDeleted", "dateMissing", "observation", "managementRule");

    private final CatalogStore store;
    private final List<CatalogChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CatalogStamp>> stampListeners = new CopyOnWriteArrayList<>();

    public GraphCatalogWriter(CatalogStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void ensureSchema() {
        store.ensureSchema();
    }

    @Override
    public CatalogChange write(CatalogUnit unit) {
        Instant at = Instant.now();
        CatalogChange change;
        try {
            Stamped stamped = store.write(tx -> stamped(tx, new UnitWrite(tx, unit, at).run()));
            change = stamped.change();
            stamped.stamp().ifPresent(this::tellStamp);
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot write " + unit.source() + ": " + e.getMessage(), e);
        }
        tell(change);
        return change;
    }

    /** A committed change and the stamp its transaction moved the graph to (none when it changed nothing). */
    private record Stamped(CatalogChange change, Optional<CatalogStamp> stamp) {
    }

    /** Moves the stamp, last in the transaction, when the change changed something. */
    private static Stamped stamped(CatalogTransaction tx, CatalogChange change) {
        return new Stamped(change, change.isEmpty() ? Optional.empty() : Optional.of(tx.moveStamp()));
    }

    private void tellStamp(CatalogStamp stamp) {
        for (Consumer<CatalogStamp> listener : stampListeners) {
            try {
                listener.accept(stamp);
            } catch (RuntimeException e) {
                LOG.warn("A catalog stamp listener failed on {}; the write stands", stamp, e);
            }
        }
    }

    /** Tells the stamp listeners of a stamp moved by another writer of the catalog in this process (curation). */
    void publishStamp(CatalogStamp stamp) {
        tellStamp(stamp);
    }

    /** Tells the listeners a change committed by another writer of the catalog (curation). */
    void publish(CatalogChange change) {
        tell(change);
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
            Stamped stamped = store.write(tx -> stamped(tx, deleteIn(tx, source, kind, List.copyOf(keys))));
            change = stamped.change();
            stamped.stamp().ifPresent(this::tellStamp);
        } catch (GraphStoreException e) {
            throw new CatalogException("Cannot delete " + kind + " entries for " + source + ": " + e.getMessage(), e);
        }
        tell(change);
        return change;
    }

    /** Finds what the deleted entries hold, deletes it all, clears the import fingerprints. */
    private static CatalogChange deleteIn(CatalogTransaction tx, String source, EntryKind kind, List<String> keys) {
        Map<EntryKind, Set<String>> gone = new EnumMap<>(EntryKind.class);
        switch (kind) {
            case DATASET -> {
                gone.put(EntryKind.DATASET, tx.present(EntryKind.DATASET, keys));
                gone.put(EntryKind.TABLE, tx.tablesOfDatasets(keys));
            }
            case TABLE, VARIABLE, CODE -> gone.put(kind, tx.present(kind, keys));
            case NOMENCLATURE -> {
                gone.put(EntryKind.NOMENCLATURE, tx.present(EntryKind.NOMENCLATURE, keys));
                gone.put(EntryKind.CODE, tx.codesOfLists(keys));
            }
        }
        Set<String> tables = gone.getOrDefault(EntryKind.TABLE, Set.of());
        if (!tables.isEmpty()) {
            gone.put(EntryKind.VARIABLE, tx.variablesOfTables(tables));
        }
        gone.values().removeIf(Set::isEmpty);
        long deleted = 0;
        for (EntryKind k : List.of(EntryKind.CODE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE, EntryKind.TABLE,
                EntryKind.DATASET)) {
            Set<String> all = gone.getOrDefault(k, Set.of());
            if (!all.isEmpty()) {
                deleted += tx.delete(k, all);
            }
        }
        if (deleted > 0) {
            tx.clearFingerprints();
        }
        return new CatalogChange(source, Map.of(), 0, 0, 0, List.of(), false, gone);
    }

    @Override
    public void addListener(CatalogChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(CatalogChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addStampListener(Consumer<CatalogStamp> listener) {
        stampListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The writing of one unit inside its transaction. */
    private static final class UnitWrite {
        private final CatalogTransaction tx;
        private final CatalogUnit unit;
        private final Instant at;
        private final Map<EntryKind, Set<String>> changed = new EnumMap<>(EntryKind.class);
        private final List<VariableChange> history = new ArrayList<>();
        private long created;
        private long updated;
        private long unchanged;

        UnitWrite(CatalogTransaction tx, CatalogUnit unit, Instant at) {
            this.tx = tx;
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
            unit.fingerprint().ifPresent(f -> tx.recordFingerprint(unit.source(), f, at));
            return new CatalogChange(unit.source(), changed, created, updated, unchanged, history, false);
        }

        private String storedFingerprint() {
            return tx.fingerprint(unit.source()).orElse(null);
        }

        private void writeDatasets() {
            // A table's unit names its dataset without a title: never blank out a title set elsewhere.
            List<Map<String, Object>> rows = unit.datasets().stream().map(CatalogRows::dataset)
                    .map(UnitWrite::withoutNulls).toList();
            java.util.function.BinaryOperator<Map<String, Object>> merge = (before, after) -> {
                Map<String, Object> merged = new HashMap<>(before);
                merged.putAll(after);
                return merged;
            };
            tx.upsert(EntryKind.DATASET, curatedDiff(EntryKind.DATASET, rows, merge));
        }

        private void writeTables() {
            List<Map<String, Object>> rows = unit.tables().stream().map(CatalogRows::table).toList();
            tx.upsert(EntryKind.TABLE, curatedDiff(EntryKind.TABLE, rows, null));
            Set<String> datasets = new LinkedHashSet<>();
            unit.tables().forEach(t -> datasets.add(t.dataset()));
            unit.datasets().forEach(d -> datasets.remove(d.name()));
            requireExisting(EntryKind.DATASET, datasets, "dataset");
            tx.placeTables(unit.tables().stream()
                    .map(t -> new CatalogTransaction.TablePlacement(t.dataset(), t.name().value())).toList());
        }

        private void writeNomenclatures() {
            List<Map<String, Object>> rows = unit.nomenclatures().stream().map(CatalogRows::nomenclature).toList();
            tx.upsert(EntryKind.NOMENCLATURE, curatedDiff(EntryKind.NOMENCLATURE, rows, null));
        }

        private void writeVariables() {
            if (unit.variables().isEmpty()) {
                return;
            }
            Set<String> tables = new LinkedHashSet<>();
            unit.variables().forEach(v -> tables.add(v.ref().table().value()));
            unit.tables().forEach(t -> tables.remove(t.name().value()));
            requireExisting(EntryKind.TABLE, tables, "table");
            List<Map<String, Object>> rows = unit.variables().stream().map(CatalogRows::variable).toList();
            Map<String, Map<String, Object>> before = lockedBefore(EntryKind.VARIABLE, rows, null);
            keepCurated(EntryKind.VARIABLE, rows, before);
            List<Map<String, Object>> toWrite = diff(EntryKind.VARIABLE, GraphNames.VARIABLE, rows, before, null);
            recordHistory(toWrite, before);
            bumpVersions(EntryKind.VARIABLE, toWrite, before);
            tx.upsert(EntryKind.VARIABLE, toWrite);
            // Links are rewritten for every variable, changed or not: a code list imported after its
            // variables must still get linked. They follow the rows, where a curated code list was kept.
            tx.linkVariables(rows.stream().map(r -> {
                Optional<CodedBy> coded = CodedBy.parse((String) r.get("codedBy"));
                return new CatalogTransaction.VariableLink((String) r.get("key"), (String) r.get("table"),
                        coded.map(c -> c.nomenclature().value()), coded.flatMap(CodedBy::column));
            }).toList());
        }

        /**
         * The rows of a kind that differ from the stored entries, once curated fields are kept and the
         * versions of entries whose curatable fields change are moved on.
         */
        private List<Map<String, Object>> curatedDiff(EntryKind kind, List<Map<String, Object>> rows,
                                                      java.util.function.BinaryOperator<Map<String, Object>> merge) {
            Map<String, Map<String, Object>> before = lockedBefore(kind, rows, merge);
            keepCurated(kind, rows, before);
            List<Map<String, Object>> toWrite = diff(kind, CatalogRows.label(kind), rows, before, merge);
            bumpVersions(kind, toWrite, before);
            return toWrite;
        }

        /**
         * The stored entries of these rows; those the unit changes are locked first and read again, so
         * that an approval committing meanwhile is neither overwritten nor missed (an unchanged
         * re-import takes no lock).
         */
        private Map<String, Map<String, Object>> lockedBefore(EntryKind kind, List<Map<String, Object>> rows,
                                                              java.util.function.BinaryOperator<Map<String, Object>> merge) {
            Label label = CatalogRows.label(kind);
            Map<String, Map<String, Object>> before = new HashMap<>(tx.existing(kind, keys(label, rows)));
            List<String> touched = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                String key = (String) row.get(label.keyProperty());
                Map<String, Object> old = before.get(key);
                if (old != null && !sameProperties(old, merge == null ? row : merge.apply(old, row))) {
                    touched.add(key);
                }
            }
            if (!touched.isEmpty()) {
                tx.lock(label, touched);
                before.putAll(tx.existing(kind, touched));
            }
            return before;
        }

        /**
         * Puts back the stored value of every curated field the unit would change, and records the
         * import's value as a conflict for stewards (one per entry, field and source: importing the file
         * again updates it rather than adding another).
         */
        private void keepCurated(EntryKind kind, List<Map<String, Object>> rows, Map<String, Map<String, Object>> before) {
            Label label = CatalogRows.label(kind);
            List<Map<String, Object>> conflicts = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                String key = (String) row.get(label.keyProperty());
                Map<String, Object> old = before.get(key);
                if (old == null) {
                    continue;
                }
                for (String field : CatalogRows.strings(old, "curated")) {
                    if (row.containsKey(field) && !Objects.equals(normalise(old.get(field)), normalise(row.get(field)))) {
                        String entity = kind + ":" + key;
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("id", java.util.UUID.nameUUIDFromBytes((entity + "|" + field + "|" + unit.source())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
                        c.put("entity", entity);
                        c.put("field", field);
                        c.put("curated", display(normalise(old.get(field))));
                        c.put("imported", display(normalise(row.get(field))));
                        c.put("source", unit.source());
                        c.put("at", at.toString());
                        c.put("status", "OPEN");
                        conflicts.add(c);
                        row.put(field, old.get(field));
                    }
                }
            }
            if (!conflicts.isEmpty()) {
                LOG.info("{}: {} curated field(s) kept; the imported values are recorded as conflicts for stewards",
                        unit.source(), conflicts.size());
                tx.putRecords(CatalogRows.IMPORT_CONFLICT, conflicts);
            }
        }

        /**
         * Moves on the version of every existing entry whose curatable fields the import changes, with a
         * revision per field (author {@code import:<source>}): a proposal made on the version before is
         * then stale, and every version of the entry can be read back.
         */
        private void bumpVersions(EntryKind kind, List<Map<String, Object>> toWrite, Map<String, Map<String, Object>> before) {
            Label label = CatalogRows.label(kind);
            List<String> curatable = GraphCuration.FIELDS.get(kind);
            List<Map<String, Object>> revisions = new ArrayList<>();
            for (Map<String, Object> row : toWrite) {
                String key = (String) row.get(label.keyProperty());
                Map<String, Object> old = before.get(key);
                if (old == null) {
                    continue;
                }
                long version = GraphCuration.version(old) + 1;
                boolean moved = false;
                for (String field : curatable) {
                    if (row.containsKey(field) && !Objects.equals(normalise(old.get(field)), normalise(row.get(field)))) {
                        moved = true;
                        revisions.add(GraphCuration.revisionRow(new org.healthgraph.catalog.curation.Revision(
                                org.healthgraph.catalog.curation.EntityRef.of(kind, key), version, field,
                                display(normalise(old.get(field))), display(normalise(row.get(field))),
                                "import:" + unit.source(), "", at, "", "")));
                    }
                }
                if (moved) {
                    row.put("version", version);
                }
            }
            if (!revisions.isEmpty()) {
                tx.putRecords(CatalogRows.REVISION, revisions);
            }
        }

        private void recordHistory(List<Map<String, Object>> toWrite, Map<String, Map<String, Object>> before) {
            List<VariableChange> changes = new ArrayList<>();
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
                        changes.add(new VariableChange(VariableRef.parse(key), field, oldText, newText, unit.source(), at));
                    }
                }
            }
            history.addAll(changes);
            if (!changes.isEmpty()) {
                tx.recordHistory(changes);
            }
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
            requireExisting(EntryKind.NOMENCLATURE, absent, "code list");
            for (String list : lists) {
                if (!columnsByList.containsKey(list)) {
                    columnsByList.put(list, tx.columnNames(list).orElse(List.of()));
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>(unit.codes().size());
            for (Code c : unit.codes()) {
                rows.add(CatalogRows.code(c, columnsByList.get(c.ref().nomenclature().value())));
            }
            // A list none of whose codes exist yet (the usual first import) needs no comparison: one
            // look-up tells.
            Map<String, Map<String, Object>> before = new HashMap<>();
            List<String> listsWithCodes = lists.stream().filter(this::hasAnyCode).toList();
            if (!listsWithCodes.isEmpty()) {
                before = tx.existing(EntryKind.CODE, rows.stream().filter(r -> listsWithCodes.contains(r.get("nomenclature")))
                        .map(r -> (String) r.get("key")).toList());
            }
            List<Map<String, Object>> toWrite = diff(EntryKind.CODE, GraphNames.CODE, rows, before, null);
            // New codes are created outright; codes already present (changed, or created by the patient
            // data without their list) are merged.
            Map<Boolean, List<Map<String, Object>>> byPresence = new HashMap<>();
            Map<String, Map<String, Object>> present = before;
            toWrite.forEach(r -> byPresence.computeIfAbsent(present.containsKey((String) r.get("key")), k -> new ArrayList<>())
                    .add(r));
            for (String list : lists) {
                List<Map<String, Object>> fresh = byPresence.getOrDefault(false, List.of()).stream()
                        .filter(r -> list.equals(r.get("nomenclature"))).toList();
                if (!fresh.isEmpty()) {
                    tx.createCodes(list, fresh);
                }
            }
            List<Map<String, Object>> merged = byPresence.getOrDefault(true, List.of());
            if (!merged.isEmpty()) {
                tx.mergeCodes(merged);
            }
        }

        private boolean hasAnyCode(String list) {
            return tx.hasAnyCode(list);
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
            requireExisting(EntryKind.TABLE, tables, "table");
            List<Map<String, Object>> rows = unit.joins().stream().map(CatalogRows::join).toList();
            List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
            Map<String, Map<String, Object>> before = tx.existingJoins(ids);
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
            if (!toWrite.isEmpty()) {
                tx.upsertJoins(toWrite);
            }
        }

        /** Rows that differ from the stored nodes, counting and noting the changed keys. */
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

        private void requireExisting(EntryKind kind, Collection<String> keys, String what) {
            if (keys.isEmpty()) {
                return;
            }
            List<String> missing = new ArrayList<>(keys);
            missing.removeAll(tx.present(kind, keys));
            if (!missing.isEmpty()) {
                throw new CatalogException(unit.source() + " refers to unknown " + what + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing.subList(0, Math.min(10, missing.size()))));
            }
        }

        private static List<String> keys(Label label, List<Map<String, Object>> rows) {
            return rows.stream().map(r -> (String) r.get(label.keyProperty())).toList();
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

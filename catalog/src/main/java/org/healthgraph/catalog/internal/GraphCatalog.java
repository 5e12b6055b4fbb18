package org.healthgraph.catalog.internal;

import org.healthgraph.catalog.JoinNeighbourhood;
import org.healthgraph.graph.Neighbourhood;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogEntry;
import org.healthgraph.catalog.CatalogStats;
import org.healthgraph.catalog.Code;
import org.healthgraph.catalog.CodeFilter;
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
import org.healthgraph.catalog.store.CatalogStore;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.GraphRelationship;

/**
 * Reads the catalog through its {@link CatalogStore}, whatever the graph's backend: this class holds
 * the rules (validation of arguments, paging, join-path orientation and order, neighbourhood
 * trimming), the store the queries.
 */
public final class GraphCatalog implements Catalog {

    static final int MAX_HOPS = 12;
    static final int MAX_PAGE = 1_000;

    /** Codes extending a code read at most to find its children (the ATC list has about a thousand under A). */
    static final int MAX_DESCENDANTS = 5_000;
    /** Rows per read when streaming a kind of entry. */
    static final int STREAM_PAGE = 20_000;

    private final CatalogStore store;

    public GraphCatalog(CatalogStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public CatalogStats stats() {
        return store.stats();
    }

    @Override
    public List<Dataset> datasets() {
        return store.datasets();
    }

    @Override
    public Optional<Dataset> dataset(String name) {
        return first(store.datasets(List.of(name)));
    }

    @Override
    public List<Table> tables() {
        return store.tables();
    }

    @Override
    public List<Table> tables(String dataset) {
        return store.tablesOfDatasets(List.of(dataset)).getOrDefault(dataset, List.of());
    }

    @Override
    public Optional<Table> table(TableName name) {
        return first(store.tables(List.of(name.value())));
    }

    @Override
    public List<Variable> variables(TableName table) {
        return store.variablesOfTables(List.of(table.value()));
    }

    @Override
    public Optional<Variable> variable(VariableRef ref) {
        return first(store.variables(List.of(ref.key())));
    }

    @Override
    public List<VariableChange> history(VariableRef ref) {
        return store.history(ref);
    }

    @Override
    public List<Nomenclature> nomenclatures() {
        return store.nomenclatures();
    }

    @Override
    public Optional<Nomenclature> nomenclature(NomenclatureName name) {
        return first(store.nomenclatures(List.of(name.value())));
    }

    @Override
    public List<VariableRef> variablesCodedBy(NomenclatureName name) {
        return store.variablesCodedBy(List.of(name.value())).getOrDefault(name.value(), List.of()).stream()
                .map(Variable::ref).toList();
    }

    @Override
    public CodePage codes(NomenclatureName name, CodeFilter filter, int first, Optional<String> after) {
        if (first < 1 || first > MAX_PAGE) {
            throw new InvalidCatalogInputException("first must be between 1 and " + MAX_PAGE + ", got " + first);
        }
        Nomenclature list = nomenclature(name)
                .orElseThrow(() -> new UnknownCatalogEntryException("No code list named " + name));
        long total = store.codeCount(name.value(), filter);
        List<Code> codes = store.codes(name.value(), columnNames(list), filter, after, OptionalInt.of(first + 1));
        boolean more = codes.size() > first;
        List<Code> page = more ? codes.subList(0, first) : codes;
        return new CodePage(page, total, more,
                page.isEmpty() ? Optional.empty() : Optional.of(page.getLast().ref().code()));
    }

    @Override
    public List<Code> parents(CodeRef ref) {
        String code = ref.code();
        List<String> keys = new ArrayList<>();
        for (int length = Math.max(1, code.length() - MAX_PARENTS); length < code.length(); length++) {
            keys.add(new CodeRef(ref.nomenclature(), code.substring(0, length)).key());
        }
        return store.codes(keys).stream().filter(c -> c.ref().nomenclature().equals(ref.nomenclature()))
                .sorted(Comparator.comparingInt((Code c) -> c.ref().code().length())).toList();
    }

    @Override
    public List<Code> children(CodeRef ref) {
        // A code written by patient data whose list the catalog does not describe has no children.
        List<String> columns = nomenclature(ref.nomenclature()).map(GraphCatalog::columnNames).orElse(List.of());
        List<Code> descendants = store.codes(ref.nomenclature().value(), columns,
                new CodeFilter(Optional.of(ref.code()), List.of(), Optional.empty()), Optional.of(ref.code()),
                OptionalInt.of(MAX_DESCENDANTS));
        return directChildren(ref.code(), descendants);
    }

    /**
     * The descendants (in code order, so that a code comes before those that extend it) that no other
     * descendant is a prefix of.
     */
    static List<Code> directChildren(String code, List<Code> descendants) {
        List<Code> children = new ArrayList<>();
        String last = null;
        for (Code d : descendants) {
            String c = d.ref().code();
            if (c.equals(code) || !c.startsWith(code) || last != null && c.startsWith(last)) {
                continue;
            }
            children.add(d);
            last = c;
            if (children.size() == MAX_CHILDREN) {
                break;
            }
        }
        return List.copyOf(children);
    }

    @Override
    public List<Code> allCodes(NomenclatureName name) {
        Nomenclature list = nomenclature(name)
                .orElseThrow(() -> new UnknownCatalogEntryException("No code list named " + name));
        return store.codes(name.value(), columnNames(list), Optional.empty(), OptionalInt.empty());
    }

    @Override
    public Optional<Code> code(CodeRef ref) {
        return first(store.codes(List.of(ref.key())));
    }

    @Override
    public List<Join> joins(TableName table) {
        return store.joinsOfTables(List.of(table.value()));
    }

    @Override
    public List<Join> joins() {
        return store.joins();
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
        List<GraphPath> paths = store.joinPaths(from, to, maxHops);
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
            page(store::variablesAfter, consumer);
        }
        List<Nomenclature> lists = wanted.contains(EntryKind.NOMENCLATURE) || wanted.contains(EntryKind.CODE)
                ? nomenclatures() : List.of();
        if (wanted.contains(EntryKind.NOMENCLATURE)) {
            lists.forEach(consumer);
        }
        if (wanted.contains(EntryKind.CODE)) {
            Map<String, List<String>> columns = new java.util.HashMap<>();
            lists.forEach(n -> columns.put(n.name().value(), columnNames(n)));
            page((after, limit) -> store.codesAfter(after, limit, columns), consumer);
        }
    }

    /**
     * Streams a kind page by page, each page starting after the last key read (so that a page costs
     * its size, not a scan and sort of the whole kind, where the backend has the key's index).
     */
    private static <E extends CatalogEntry> void page(java.util.function.BiFunction<String, Integer, List<E>> read,
                                                      Consumer<CatalogEntry> consumer) {
        String after = "";
        while (true) {
            List<E> rows = read.apply(after, STREAM_PAGE);
            rows.forEach(consumer);
            if (rows.size() < STREAM_PAGE) {
                return;
            }
            after = rows.getLast().key();
        }
    }

    @Override
    public List<CatalogEntry> entries(EntryKind kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return switch (kind) {
            case DATASET -> List.copyOf(store.datasets(keys));
            case TABLE -> List.copyOf(store.tables(keys));
            case VARIABLE -> List.copyOf(store.variables(keys));
            case NOMENCLATURE -> List.copyOf(store.nomenclatures(keys));
            case CODE -> List.copyOf(store.codes(keys));
        };
    }

    private static List<String> columnNames(Nomenclature n) {
        return n.columns().stream().map(c -> c.name()).toList();
    }

    @Override
    public Map<TableName, Table> tables(Collection<TableName> names) {
        Map<TableName, Table> out = new LinkedHashMap<>();
        store.tables(values(names, TableName::value)).forEach(t -> out.put(t.name(), t));
        return out;
    }

    @Override
    public Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets) {
        return store.tablesOfDatasets(List.copyOf(datasets));
    }

    @Override
    public Map<TableName, List<Variable>> variablesOfTables(Collection<TableName> tables) {
        Map<TableName, List<Variable>> out = new LinkedHashMap<>();
        store.variablesOfTables(values(tables, TableName::value))
                .forEach(v -> out.computeIfAbsent(v.ref().table(), k -> new ArrayList<>()).add(v));
        return out;
    }

    @Override
    public Map<TableName, List<Join>> joinsOfTables(Collection<TableName> tables) {
        List<String> names = values(tables, TableName::value);
        Map<TableName, List<Join>> out = new LinkedHashMap<>();
        for (Join join : store.joinsOfTables(names)) {
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
        store.nomenclatures(values(names, NomenclatureName::value)).forEach(n -> out.put(n.name(), n));
        return out;
    }

    @Override
    public Map<NomenclatureName, List<Variable>> variablesCodedBy(Collection<NomenclatureName> names) {
        Map<NomenclatureName, List<Variable>> out = new LinkedHashMap<>();
        store.variablesCodedBy(values(names, NomenclatureName::value))
                .forEach((list, variables) -> out.put(NomenclatureName.of(list), variables));
        return out;
    }

    @Override
    public Map<String, List<Variable>> variablesNamed(Collection<String> names) {
        Map<String, List<Variable>> out = new LinkedHashMap<>();
        store.variablesNamed(List.copyOf(names))
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
        Neighbourhood hood = store.joinNeighbourhood(table, depth, limit + 1);
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

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }
}

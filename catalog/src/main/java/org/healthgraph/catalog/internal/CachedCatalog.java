package org.healthgraph.catalog.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogChange;
import org.healthgraph.catalog.CatalogChangeListener;
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
import org.healthgraph.catalog.JoinNeighbourhood;
import org.healthgraph.catalog.JoinPathResult;
import org.healthgraph.catalog.Nomenclature;
import org.healthgraph.catalog.NomenclatureName;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.catalog.VariableRef;

/**
 * A catalog that answers reads from memory and asks its delegate only on a miss. The catalog changes
 * only when an import commits, so the whole cache is dropped on every committed change this
 * application's writer reports ({@link #committed}); entries also expire after a maximum age, which
 * bounds how stale a read can be when another process writes to a shared store.
 *
 * <p>Every key carries the generation it was read in, and a change moves to the next generation, so
 * a read that started before a change and finishes after it can never be served later. Code lists
 * are cached whole, up to a total number of codes, and paged by binary search, so a page costs the
 * same anywhere in a long list; a list is read whole in the background, never while a request waits.
 * Join paths are found in memory over all the declared joins ({@link JoinGraph}). Streaming reads ({@link #forEachEntry}, {@link #entries}) are never
 * cached: they feed the search index, which must see the store as it is.
 */
public final class CachedCatalog implements Catalog, CatalogChangeListener {

    /** What a cached value is keyed by: the generation, the method and its arguments. */
    private record Key(long generation, String method, Object argument) {
    }

    /**
     * A code list held whole in a compact form: one array per attribute instead of a {@link Code} with
     * its own map per code (a third of the memory on schema-snds, where a code carries 14 columns on
     * average); equal column values are shared. Codes are rebuilt for the page asked, at most
     * {@link GraphCatalog#MAX_PAGE} at a time.
     */
    private record CodeList(NomenclatureName name, String[] values, String[] labels, String[] columnNames,
                            String[][] columnValues) {

        static CodeList of(NomenclatureName name, List<Code> codes) {
            Map<String, Integer> columnIndex = new LinkedHashMap<>();
            for (Code c : codes) {
                for (String column : c.columns().keySet()) {
                    columnIndex.putIfAbsent(column, columnIndex.size());
                }
            }
            Map<String, String> shared = new HashMap<>();
            String[] values = new String[codes.size()];
            String[] labels = new String[codes.size()];
            String[][] columnValues = new String[codes.size()][];
            for (int i = 0; i < codes.size(); i++) {
                Code c = codes.get(i);
                values[i] = c.ref().code();
                labels[i] = c.label();
                String[] row = new String[columnIndex.size()];
                for (Map.Entry<String, String> e : c.columns().entrySet()) {
                    String v = e.getValue();
                    row[columnIndex.get(e.getKey())] = v == null ? null : shared.computeIfAbsent(v, Function.identity());
                }
                columnValues[i] = row;
            }
            return new CodeList(name, values, labels, columnIndex.keySet().toArray(String[]::new), columnValues);
        }

        int size() {
            return values.length;
        }

        Code code(int i) {
            Map<String, String> columns = new LinkedHashMap<>();
            String[] row = columnValues[i];
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null) {
                    columns.put(columnNames[c], row[c]);
                }
            }
            return new Code(new CodeRef(name, values[i]), labels[i], columns);
        }

        List<Code> codes(int from, int to) {
            List<Code> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(code(i));
            }
            return out;
        }
    }

    /** Marks a key the delegate does not know, since a cache holds no nulls. */
    private static final Object ABSENT = new Object();

    private final Catalog delegate;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<Key, Object> values;
    private final AsyncCache<Key, CodeList> codeLists;
    private final long maxCodesPerList;

    /**
     * @param delegate the catalog read on a miss
     * @param maxAge how long an entry may be served after it was read
     * @param maxEntries how many reads (other than code lists) are kept
     * @param maxCodes how many codes, over all the code lists held whole, are kept
     */
    public CachedCatalog(Catalog delegate, Duration maxAge, long maxEntries, long maxCodes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxAge.isNegative() || maxAge.isZero() || maxEntries < 1 || maxCodes < 1) {
            throw new IllegalArgumentException("catalog cache: max age, entries and codes must be positive, got "
                    + maxAge + ", " + maxEntries + ", " + maxCodes);
        }
        this.values = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(maxEntries).build();
        this.codeLists = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumWeight(maxCodes)
                .weigher((Key k, CodeList list) -> Math.max(1, list.size())).buildAsync();
        this.maxCodesPerList = Math.max(1, maxCodes / 4);
    }

    /** Drops everything read so far: the next reads go to the store. */
    @Override
    public void committed(CatalogChange change) {
        generation.incrementAndGet();
        values.invalidateAll();
        codeLists.synchronous().invalidateAll();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String method, Object argument, Supplier<T> read) {
        Object value = values.get(new Key(generation.get(), method, argument), k -> {
            T v = read.get();
            return v == null ? ABSENT : v;
        });
        return value == ABSENT ? null : (T) value;
    }

    /**
     * Batched reads cached key by key: the keys already held are served from memory and the others
     * read in one call to the delegate, so data loaders keep their single round trip.
     */
    @SuppressWarnings("unchecked")
    private <K, V> Map<K, V> batched(String method, Collection<K> keys, Function<Collection<K>, Map<K, V>> read) {
        long gen = generation.get();
        Map<K, V> result = new LinkedHashMap<>();
        Set<K> missing = new LinkedHashSet<>();
        for (K key : keys) {
            Object value = values.getIfPresent(new Key(gen, method, key));
            if (value == null) {
                missing.add(key);
            } else if (value != ABSENT) {
                result.put(key, (V) value);
            }
        }
        if (!missing.isEmpty()) {
            Map<K, V> read1 = read.apply(missing);
            for (K key : missing) {
                V value = read1.get(key);
                values.put(new Key(gen, method, key), value == null ? ABSENT : value);
                if (value != null) {
                    result.put(key, value);
                }
            }
        }
        return result;
    }

    @Override
    public CatalogStats stats() {
        return cached("stats", List.of(), delegate::stats);
    }

    @Override
    public List<Dataset> datasets() {
        return cached("datasets", List.of(), delegate::datasets);
    }

    @Override
    public Optional<Dataset> dataset(String name) {
        return cached("dataset", name, () -> delegate.dataset(name));
    }

    @Override
    public List<Table> tables() {
        return cached("tables", List.of(), delegate::tables);
    }

    @Override
    public List<Table> tables(String dataset) {
        return cached("tablesOf", dataset, () -> delegate.tables(dataset));
    }

    @Override
    public Optional<Table> table(TableName name) {
        return cached("table", name, () -> delegate.table(name));
    }

    @Override
    public List<Variable> variables(TableName table) {
        return cached("variables", table, () -> delegate.variables(table));
    }

    @Override
    public Optional<Variable> variable(VariableRef ref) {
        return cached("variable", ref, () -> delegate.variable(ref));
    }

    @Override
    public List<VariableChange> history(VariableRef ref) {
        return cached("history", ref, () -> delegate.history(ref));
    }

    @Override
    public List<Nomenclature> nomenclatures() {
        return cached("nomenclatures", List.of(), delegate::nomenclatures);
    }

    @Override
    public Optional<Nomenclature> nomenclature(NomenclatureName name) {
        return cached("nomenclature", name, () -> delegate.nomenclature(name));
    }

    @Override
    public List<VariableRef> variablesCodedBy(NomenclatureName name) {
        return cached("variablesCodedBy", name, () -> delegate.variablesCodedBy(name));
    }

    /**
     * Served from the whole list once it is held. The first request for a list starts reading it whole
     * in the background (lists of at most {@code maxCodes / 4} codes) and is answered by the delegate
     * meanwhile, so that no request waits for a long list to load; pages of longer lists are cached
     * one by one.
     */
    @Override
    public CodePage codes(NomenclatureName name, CodeFilter filter, int first, Optional<String> after) {
        if (first < 1 || first > GraphCatalog.MAX_PAGE) {
            throw new InvalidCatalogInputException("first must be between 1 and " + GraphCatalog.MAX_PAGE + ", got " + first);
        }
        Key listKey = new Key(generation.get(), "allCodes", name);
        CompletableFuture<CodeList> held = codeLists.getIfPresent(listKey);
        // A prefix and a start code are ranges of the sorted list held (two binary searches); words
        // are the store's to compare, so a text filter is read from it (and its pages cached).
        if (filter.words().isEmpty() && held != null && held.isDone() && !held.isCompletedExceptionally()) {
            return page(held.join(), filter, first, after);
        }
        CodePage page = cached("codes", List.of(name, filter, first, after), () -> delegate.codes(name, filter, first, after));
        if (held == null && filter.isNone() && page.totalCount() <= maxCodesPerList) {
            wholeList(listKey, name);
        }
        return page;
    }

    @Override
    public List<Code> parents(CodeRef ref) {
        return cached("parents", ref, () -> delegate.parents(ref));
    }

    @Override
    public List<Code> children(CodeRef ref) {
        return cached("children", ref, () -> delegate.children(ref));
    }

    /** The list held under {@code key}, read whole in the background by the first caller. */
    private CompletableFuture<CodeList> wholeList(Key key, NomenclatureName name) {
        return codeLists.get(key, (k, executor) -> CompletableFuture.supplyAsync(
                () -> CodeList.of(name, delegate.allCodes(name)), executor));
    }

    private static CodePage page(CodeList list, CodeFilter filter, int first, Optional<String> after) {
        int start = filter.prefix().map(p -> lowerBound(list, p)).orElse(0);
        int end = filter.prefix().map(p -> lowerBound(list, p + Character.MAX_VALUE)).orElse(list.size());
        int from = start;
        if (after.isPresent()) {
            int at = Arrays.binarySearch(list.values(), after.get());
            from = Math.max(from, at >= 0 ? at + 1 : -at - 1);
        }
        if (filter.startAt().isPresent()) {
            from = Math.max(from, lowerBound(list, filter.startAt().get()));
        }
        from = Math.min(from, end);
        int to = Math.min(end, from + first);
        List<Code> page = list.codes(from, to);
        return new CodePage(page, end - start, to < end,
                page.isEmpty() ? Optional.empty() : Optional.of(page.getLast().ref().code()));
    }

    /** The index of the first code equal to or after {@code code}. */
    private static int lowerBound(CodeList list, String code) {
        int at = Arrays.binarySearch(list.values(), code);
        return at >= 0 ? at : -at - 1;
    }

    @Override
    public List<Code> allCodes(NomenclatureName name) {
        try {
            CodeList list = wholeList(new Key(generation.get(), "allCodes", name), name).join();
            return list.codes(0, list.size());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public Optional<Code> code(CodeRef ref) {
        return cached("code", ref, () -> delegate.code(ref));
    }

    @Override
    public List<Join> joins(TableName table) {
        return cached("joinsOf", table, () -> delegate.joins(table));
    }

    @Override
    public List<Join> joins() {
        return cached("joins", List.of(), delegate::joins);
    }

    @Override
    public JoinPathResult joinPaths(TableName from, TableName to, int maxHops) {
        JoinGraph graph = cached("joinGraph", List.of(),
                () -> JoinGraph.of(delegate.tables().stream().map(Table::name).toList(), delegate.joins()));
        return cached("joinPaths", List.of(from, to, maxHops), () -> graph.paths(from, to, maxHops));
    }

    @Override
    public void forEachEntry(Set<EntryKind> kinds, Consumer<CatalogEntry> consumer) {
        delegate.forEachEntry(kinds, consumer);
    }

    @Override
    public List<CatalogEntry> entries(EntryKind kind, Collection<String> keys) {
        return delegate.entries(kind, keys);
    }

    @Override
    public Map<TableName, Table> tables(Collection<TableName> names) {
        return batched("table*", names, delegate::tables);
    }

    @Override
    public Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets) {
        return batched("tablesOf*", datasets, delegate::tablesOfDatasets);
    }

    @Override
    public Map<TableName, List<Variable>> variablesOfTables(Collection<TableName> tables) {
        return batched("variables*", tables, delegate::variablesOfTables);
    }

    @Override
    public Map<TableName, List<Join>> joinsOfTables(Collection<TableName> tables) {
        return batched("joinsOf*", tables, delegate::joinsOfTables);
    }

    @Override
    public Map<NomenclatureName, Nomenclature> nomenclatures(Collection<NomenclatureName> names) {
        return batched("nomenclature*", names, delegate::nomenclatures);
    }

    @Override
    public Map<NomenclatureName, List<Variable>> variablesCodedBy(Collection<NomenclatureName> names) {
        return batched("variablesCodedBy*", names, delegate::variablesCodedBy);
    }

    @Override
    public Map<String, List<Variable>> variablesNamed(Collection<String> names) {
        return batched("variablesNamed*", names, delegate::variablesNamed);
    }

    @Override
    public JoinNeighbourhood neighbourhood(TableName table, int depth, int limit) {
        return cached("neighbourhood", List.of(table, depth, limit), () -> delegate.neighbourhood(table, depth, limit));
    }
}

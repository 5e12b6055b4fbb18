package org.healthgraph.catalog.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.healthgraph.graph.GraphBackend;
import org.healthgraph.graph.GraphPath;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.Neighbourhood;

/**
 * Where the catalog is kept: the catalog's reads and writes in its own terms, one implementation per
 * graph backend holding all the query text ({@code store.internal.neo4j}: Cypher;
 * {@code store.internal.gremlin}: Gremlin traversals). The domain ({@code GraphCatalog},
 * {@code GraphCatalogWriter}) keeps the rules: diffing, history, validation, paging, join-path
 * orientation, listeners. Both implementations write the same properties ({@code CatalogRows}) on the
 * same labels and relationship types, and pass the same contract tests.
 *
 * <p>Reads that take keys skip the keys that do not exist. Lists come in the order each method names.
 * Implementations are thread-safe. Open one with {@link CatalogStores#on}.
 */
public interface CatalogStore {

    /** The backend the store runs on. */
    GraphBackend backend();

    /** The label of the one node holding the catalog stamp (key {@value #STAMP_KEY}). */
    Label STAMP = new Label("CatalogStamp", "key");

    /** The key of the stamp node. */
    String STAMP_KEY = "catalog";

    /** Creates the key constraints and indexes the catalog needs (the stamp's key too); idempotent. */
    void ensureSchema();

    /** The graph's catalog stamp; empty when no catalog change was written since stamps exist. */
    Optional<CatalogStamp> stamp();

    /** How much the catalog holds. */
    CatalogStats stats();

    /** Every dataset, by name. */
    List<Dataset> datasets();

    /** The datasets with these names, by name. */
    List<Dataset> datasets(Collection<String> names);

    /** Every table, by name. */
    List<Table> tables();

    /** The tables with these names, by name. */
    List<Table> tables(Collection<String> names);

    /** The tables of each of these datasets (through {@code HAS_TABLE}), each list by table name. */
    Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets);

    /** The variables with these keys, by key. */
    List<Variable> variables(Collection<String> keys);

    /** The variables of these tables (through {@code HAS_VARIABLE}), by table, position and name. */
    List<Variable> variablesOfTables(Collection<String> tables);

    /** The variables with these names, whatever their table, by key. */
    List<Variable> variablesNamed(Collection<String> names);

    /** At most {@code limit} variables whose key comes after {@code afterKey}, by key (a page of a stream). */
    List<Variable> variablesAfter(String afterKey, int limit);

    /** The recorded changes of a variable, by time and field. */
    List<VariableChange> history(VariableRef variable);

    /** Every code list, by name. */
    List<Nomenclature> nomenclatures();

    /** The code lists with these names, by name. */
    List<Nomenclature> nomenclatures(Collection<String> names);

    /** The variables coded by each of these code lists (through {@code CODED_BY}), each list by key. */
    Map<String, List<Variable>> variablesCodedBy(Collection<String> lists);

    /** The number of codes of a code list (through {@code HAS_CODE}). */
    default long codeCount(String list) {
        return codeCount(list, CodeFilter.NONE);
    }

    /**
     * The number of codes of a code list that pass the filter's prefix and words (its {@code startAt}
     * moves a page, not the count, and is ignored).
     */
    long codeCount(String list, CodeFilter filter);

    /**
     * Codes of a code list by code: those after {@code after} (exclusive) when given, at most
     * {@code limit} when given; their values are read against the list's {@code columns}.
     */
    default List<Code> codes(String list, List<String> columns, Optional<String> after, OptionalInt limit) {
        return codes(list, columns, CodeFilter.NONE, after, limit);
    }

    /**
     * Codes of a code list that pass the filter, by code, read by the store (a code-list prefix and
     * range, the label's folded words: never the whole list filtered in memory); otherwise as
     * {@link #codes(String, List, Optional, OptionalInt)}.
     */
    List<Code> codes(String list, List<String> columns, CodeFilter filter, Optional<String> after, OptionalInt limit);

    /** The codes with these keys, by key, their values read against their own list's columns. */
    List<Code> codes(Collection<String> keys);

    /**
     * At most {@code limit} codes whose key comes after {@code afterKey}, by key (a page of a stream),
     * their values read against {@code columnsByList} (code list name to column names).
     */
    List<Code> codesAfter(String afterKey, int limit, Map<String, List<String>> columnsByList);

    /** Every join, by id. */
    List<Join> joins();

    /** The joins from or to any of these tables, by id, each once. */
    List<Join> joinsOfTables(Collection<String> tables);

    /** The shortest paths of {@code JOINS} between two tables, walked in either direction. */
    List<GraphPath> joinPaths(TableName from, TableName to, int maxHops);

    /** The tables within {@code depth} joins of a table, at most {@code limit}, with the joins among them. */
    Neighbourhood joinNeighbourhood(TableName table, int depth, int limit);

    /**
     * The stored properties of the entries of this kind with these keys, by key (their curated
     * fields, {@code version}, {@code tags}, {@code curated} included).
     */
    Map<String, Map<String, Object>> properties(EntryKind kind, Collection<String> keys);

    /**
     * The curation records of a label ({@code CatalogRows.PROPOSAL}, {@code REVISION},
     * {@code IMPORT_CONFLICT}) whose {@code property} equals {@code value}, in no order; the property
     * is indexed.
     */
    List<Map<String, Object>> records(Label label, String property, String value);

    /** The curation records of a label with these keys, by key. */
    Map<String, Map<String, Object>> records(Label label, Collection<String> keys);

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * (all or nothing wherever the backend has transactions). Transient failures are retried, so
     * {@code work} must have no effect outside the transaction it is given.
     */
    <T> T write(Function<CatalogTransaction, T> work);
}

package org.healthgraph.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the catalog back from the graph. Finders return {@link Optional}; nothing returns null.
 * Open one with {@link Catalogs#reader}. Implementations are thread-safe.
 */
public interface Catalog {

    /** How much the catalog holds. */
    CatalogStats stats();

    /** All datasets, by name. */
    List<Dataset> datasets();

    Optional<Dataset> dataset(String name);

    /** All tables, by name. */
    List<Table> tables();

    /** The tables of one dataset, by name; empty when the dataset is unknown. */
    List<Table> tables(String dataset);

    Optional<Table> table(TableName name);

    /** The variables of a table in their order; empty when the table is unknown. */
    List<Variable> variables(TableName table);

    Optional<Variable> variable(VariableRef ref);

    /** The recorded changes of a variable, oldest first. */
    List<VariableChange> history(VariableRef ref);

    /** All code lists, by name. */
    List<Nomenclature> nomenclatures();

    Optional<Nomenclature> nomenclature(NomenclatureName name);

    /** The variables coded by a code list, by key. */
    List<VariableRef> variablesCodedBy(NomenclatureName name);

    /**
     * One page of a code list's codes in code order: at most {@code first} codes (1 to 1,000) after the
     * code {@code after} (exclusive), or from the start.
     *
     * @throws UnknownCatalogEntryException when the code list is unknown
     */
    default CodePage codes(NomenclatureName name, int first, Optional<String> after) {
        return codes(name, CodeFilter.NONE, first, after);
    }

    /**
     * One page of the codes of a code list that pass a filter, in code order: at most {@code first}
     * codes (1 to 1,000) after the code {@code after} (exclusive) and from the filter's start code on;
     * the page's total counts the codes that pass the filter's prefix and words. The store reads only
     * those codes.
     *
     * @throws UnknownCatalogEntryException when the code list is unknown
     */
    CodePage codes(NomenclatureName name, CodeFilter filter, int first, Optional<String> after);

    Optional<Code> code(CodeRef ref);

    /**
     * The codes of its list that a code extends, shortest first (I2 and I21 for I210 when the list
     * holds them): the parents of lists whose codes form a prefix hierarchy (ICD-10, ATC), none for
     * other lists. At most {@value #MAX_PARENTS}, the nearest.
     */
    List<Code> parents(CodeRef ref);

    /**
     * The codes of its list that extend a code with no other code between them (I210 ... I219 for
     * I21; C10AA for C10A, C10AA01 for C10AA), in code order; none when no code extends it. At most
     * {@value #MAX_CHILDREN}.
     */
    List<Code> children(CodeRef ref);

    /** Most parents {@link #parents} gives. */
    int MAX_PARENTS = 20;

    /** Most children {@link #children} gives. */
    int MAX_CHILDREN = 200;

    /**
     * Every code of a code list, in code order, read at once: for caches that serve pages of the list
     * from memory. The default pages through {@link #codes}; stores override it with one read.
     *
     * @throws UnknownCatalogEntryException when the code list is unknown
     */
    default List<Code> allCodes(NomenclatureName name) {
        List<Code> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        CodePage page;
        do {
            page = codes(name, 1_000, after);
            all.addAll(page.codes());
            after = page.endCursor();
        } while (page.hasNextPage());
        return List.copyOf(all);
    }

    /** The joins declared from or to a table. */
    List<Join> joins(TableName table);

    /** Every declared join. */
    List<Join> joins();

    /**
     * The shortest join paths between two tables over declared joins, walked in either direction, of
     * at most {@code maxHops} hops (1 to 12), each hop with its key pairs oriented along the path.
     *
     * @throws UnknownCatalogEntryException when either table is unknown
     * @throws InvalidCatalogInputException when {@code maxHops} is out of range
     */
    JoinPathResult joinPaths(TableName from, TableName to, int maxHops);

    /**
     * Streams the whole catalog to {@code consumer} (for the search index): every dataset, then
     * every table, every variable, every code list, and every code, each as a {@link CatalogEntry}.
     * Codes are read in pages, so memory stays bounded whatever the catalog's size. The entries of
     * one kind come in key order.
     *
     * @param kinds the kinds to stream; all of them when empty
     */
    void forEachEntry(Set<EntryKind> kinds, Consumer<CatalogEntry> consumer);

    /** Streams every entry of every kind, see {@link #forEachEntry(Set, Consumer)}. */
    default void forEachEntry(Consumer<CatalogEntry> consumer) {
        forEachEntry(Set.of(), consumer);
    }

    /**
     * The current entries of one kind with the given keys, for keeping an index current after a
     * {@link CatalogChange}; keys that no longer exist are skipped.
     */
    List<CatalogEntry> entries(EntryKind kind, Collection<String> keys);

    // Batched reads: one round trip for many parents, for API layers that resolve nested fields
    // (data loaders). Keys that do not exist are absent from the result.

    /** The tables with these names. */
    Map<TableName, Table> tables(Collection<TableName> names);

    /** The tables of each of these datasets, by name. */
    Map<String, List<Table>> tablesOfDatasets(Collection<String> datasets);

    /** The variables of each of these tables, in their order. */
    Map<TableName, List<Variable>> variablesOfTables(Collection<TableName> tables);

    /** The joins declared from or to each of these tables. */
    Map<TableName, List<Join>> joinsOfTables(Collection<TableName> tables);

    /** The code lists with these names. */
    Map<NomenclatureName, Nomenclature> nomenclatures(Collection<NomenclatureName> names);

    /** The variables coded by each of these code lists, by key. */
    Map<NomenclatureName, List<Variable>> variablesCodedBy(Collection<NomenclatureName> names);

    /** The variables with each of these names, whatever their table, by key. */
    Map<String, List<Variable>> variablesNamed(Collection<String> names);

    /**
     * The tables within {@code depth} joins of a table (either direction), at most {@code limit} of
     * them, with the joins among them.
     *
     * @throws UnknownCatalogEntryException when the table is unknown
     * @throws InvalidCatalogInputException when depth is not 1 to 4 or limit not 1 to 500
     */
    JoinNeighbourhood neighbourhood(TableName table, int depth, int limit);
}

package org.healthgraph.catalog;

/**
 * Writes the catalog into the graph, one {@link CatalogUnit} a transaction, idempotently: a unit
 * written twice leaves the graph as after the first write. Changes of a variable's metadata are
 * recorded in its history (field, old value, new value, source, time). Open one with
 * {@link Catalogs#writer}.
 */
public interface CatalogWriter {

    /** Creates the uniqueness constraints and indexes the catalog needs; idempotent. */
    void ensureSchema();

    /**
     * Writes one unit in one transaction and, after it commits, tells the listeners.
     *
     * @throws CatalogException when the unit refers to an entry that is neither in it nor in the
     *         graph (a table's dataset, a variable's table, a code's list, a join's table); nothing of
     *         the unit is written then
     */
    CatalogChange write(CatalogUnit unit);

    /**
     * Deletes entries of one kind by key, with what they hold (a dataset's tables, a table's
     * variables and joins, a code list's codes), in one transaction and, after it commits, tells
     * the listeners the deleted keys ({@link CatalogChange#deletedKeys}). Absent keys are ignored.
     * Variables coded by a deleted code list lose that link; the recorded history of deleted
     * variables is kept. Every recorded import fingerprint is cleared, so that importing a file
     * again writes back what it holds.
     *
     * @param source who deletes, for the change's {@code source} (a file, a command)
     */
    CatalogChange delete(String source, EntryKind kind, java.util.Collection<String> keys);

    /** Adds a listener told after every committed unit. */
    void addListener(CatalogChangeListener listener);

    void removeListener(CatalogChangeListener listener);

    /**
     * Adds a listener told, after each commit that changed something and before the change
     * listeners, the catalog stamp the commit moved the graph to (so that a process tells its own
     * writes from another process's: {@code catalog.search.CatalogFreshness}).
     */
    void addStampListener(java.util.function.Consumer<org.healthgraph.catalog.store.CatalogStamp> listener);
}

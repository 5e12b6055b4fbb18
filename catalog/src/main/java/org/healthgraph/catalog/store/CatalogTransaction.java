package org.healthgraph.catalog.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.VariableChange;
import org.healthgraph.graph.Label;

/**
 * The writes of one catalog transaction, as typed primitives. Node rows are property maps laid out by
 * {@code CatalogRows} (a {@code null} value removes the property); every method works in batches, so
 * a unit of 400,000 codes costs a few hundred requests, not one per row.
 */
public interface CatalogTransaction {

    /** The fingerprint of the content last imported from {@code source}, if one was recorded. */
    Optional<String> fingerprint(String source);

    /** Records the fingerprint of what was imported from {@code source}, and when. */
    void recordFingerprint(String source, String fingerprint, Instant at);

    /** Forgets every recorded fingerprint (after a deletion, so that the next import writes everything). */
    void clearFingerprints();

    /** The stored properties of the entries of this kind with these keys, by key. */
    Map<String, Map<String, Object>> existing(EntryKind kind, Collection<String> keys);

    /** Those of these keys that an entry of this kind has, in the order given. */
    Set<String> present(EntryKind kind, Collection<String> keys);

    /** Creates or updates entries of this kind, keyed by their label's key property. */
    void upsert(EntryKind kind, List<Map<String, Object>> rows);

    /** Puts each table under its dataset ({@code HAS_TABLE}), taking it from any other dataset. */
    void placeTables(List<TablePlacement> placements);

    /**
     * Links each variable to its table ({@code HAS_VARIABLE}) and to its code list ({@code CODED_BY},
     * with the column), replacing a link to another code list, or removing it when there is none.
     */
    void linkVariables(List<VariableLink> links);

    /** Records changes of variables ({@code Change} nodes under their variable, {@code HAS_CHANGE}). */
    void recordHistory(List<VariableChange> changes);

    /** The column names of a code list, when the list exists. */
    Optional<List<String>> columnNames(String list);

    /** Whether any code of this code list exists already, attached to it or not (key prefix {@code LIST:}). */
    boolean hasAnyCode(String list);

    /** Creates these codes, known to be new, under their code list ({@code HAS_CODE}). */
    void createCodes(String list, List<Map<String, Object>> rows);

    /** Updates these existing codes and attaches each to its code list if it is not yet. */
    void mergeCodes(List<Map<String, Object>> rows);

    /** The stored properties of the joins with these ids, by id. */
    Map<String, Map<String, Object>> existingJoins(Collection<String> ids);

    /** Creates or updates joins ({@code JOINS} from {@code fromTable} to {@code toTable}, keyed by id). */
    void upsertJoins(List<Map<String, Object>> rows);

    /** The names of the tables that belong to these datasets (their {@code dataset} property). */
    Set<String> tablesOfDatasets(Collection<String> datasets);

    /** The keys of the variables of these tables (their {@code table} property). */
    Set<String> variablesOfTables(Collection<String> tables);

    /** The keys of the codes under these code lists. */
    Set<String> codesOfLists(Collection<String> lists);

    /**
     * Moves the catalog stamp ({@link CatalogStamp}) in this transaction, so that it moves if and only
     * if the transaction commits; returns the stamp it moves to. Concurrent transactions move it one
     * after the other (each move holds the stamp's lock until its transaction ends).
     */
    CatalogStamp moveStamp();

    /** Deletes the entries of this kind with these keys, with their relationships; returns how many. */
    long delete(EntryKind kind, Collection<String> keys);

    /**
     * Takes the write locks of these nodes for the rest of the transaction, so that what it reads of
     * them afterwards is their last committed state and no other transaction changes them before it
     * ends (absent keys are ignored). Where the backend serialises writes already, nothing to do.
     */
    void lock(Label label, Collection<String> keys);

    /** The curation records of a label with these keys, by key. */
    Map<String, Map<String, Object>> records(Label label, Collection<String> keys);

    /** Creates or updates curation records ({@code CatalogRows.PROPOSAL}, ...), keyed by {@code id}. */
    void putRecords(Label label, List<Map<String, Object>> rows);

    /** Deletes the joins with these ids; absent ids are ignored. */
    void deleteJoins(Collection<String> ids);

    /** A table and the dataset it belongs to. */
    record TablePlacement(String dataset, String table) {
    }

    /** A variable, its table, and its code list with the column coding it, if any. */
    record VariableLink(String variable, String table, Optional<String> nomenclature, Optional<String> column) {
    }
}

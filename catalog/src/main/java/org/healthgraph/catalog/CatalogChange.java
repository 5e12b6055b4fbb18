package org.healthgraph.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one committed unit changed: the keys of the entries created or modified, by kind, the keys
 * of the entries deleted, by kind, and the recorded variable changes. A unit written again
 * unchanged yields an empty change.
 *
 * @param source the unit's source
 * @param changedKeys keys of created or modified entries, by kind (kinds without change are absent)
 * @param created number of entries and joins created
 * @param updated number of entries and joins whose properties changed
 * @param unchanged number of entries and joins written as they already were
 * @param variableChanges the history records written
 * @param skipped true when the unit was skipped because its fingerprint was already recorded
 * @param deletedKeys keys of deleted entries, by kind (kinds without deletion are absent)
 */
public record CatalogChange(String source, Map<EntryKind, Set<String>> changedKeys, long created, long updated,
                            long unchanged, List<VariableChange> variableChanges, boolean skipped,
                            Map<EntryKind, Set<String>> deletedKeys) {

    public CatalogChange {
        Objects.requireNonNull(source, "source");
        changedKeys = Map.copyOf(changedKeys);
        variableChanges = List.copyOf(variableChanges);
        deletedKeys = Map.copyOf(deletedKeys);
    }

    /** A change that deleted nothing. */
    public CatalogChange(String source, Map<EntryKind, Set<String>> changedKeys, long created, long updated,
                         long unchanged, List<VariableChange> variableChanges, boolean skipped) {
        this(source, changedKeys, created, updated, unchanged, variableChanges, skipped, Map.of());
    }

    /** True when nothing was created, modified or deleted. */
    public boolean isEmpty() {
        return changedKeys.values().stream().allMatch(Set::isEmpty) && deletedKeys.values().stream().allMatch(Set::isEmpty);
    }

    /** The deleted keys of one kind, possibly none. */
    public Set<String> deleted(EntryKind kind) {
        return deletedKeys.getOrDefault(kind, Set.of());
    }

    /** The changed keys of one kind, possibly none. */
    public Set<String> keys(EntryKind kind) {
        return changedKeys.getOrDefault(kind, Set.of());
    }
}

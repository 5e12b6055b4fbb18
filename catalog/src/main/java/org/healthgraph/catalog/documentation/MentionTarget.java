package org.healthgraph.catalog.documentation;

import java.util.Objects;
import java.util.Set;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * A catalog entry a section names: a table ({@code T_MCOaaB}), a variable ({@code T_MCOaaB.GRG_GHM}), a
 * code list ({@code IR_CIM_V}) or a code ({@code IR_CIM_V:I21}), by its catalog key.
 *
 * @param kind the entry's kind: table, variable, code list or code
 * @param key its catalog key
 */
public record MentionTarget(EntryKind kind, String key) implements Comparable<MentionTarget> {

    /** The kinds a mention may name. */
    public static final Set<EntryKind> KINDS = Set.of(EntryKind.TABLE, EntryKind.VARIABLE, EntryKind.NOMENCLATURE,
            EntryKind.CODE);

    public MentionTarget {
        Objects.requireNonNull(kind, "kind");
        if (!KINDS.contains(kind)) {
            throw new InvalidCatalogInputException("a mention names a table, variable, code list or code, not a " + kind);
        }
        if (key == null || key.isBlank()) {
            throw new InvalidCatalogInputException("mention target key must not be blank (" + kind + ")");
        }
    }

    @Override
    public int compareTo(MentionTarget o) {
        int k = kind.compareTo(o.kind);
        return k != 0 ? k : key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return kind + " " + key;
    }
}

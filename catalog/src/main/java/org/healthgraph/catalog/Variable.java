package org.healthgraph.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A variable (a column) of a table.
 *
 * @param ref table and name
 * @param position its rank in the table, from 0
 * @param description what it holds (French in the SNDS), or empty
 * @param type its Table Schema type ({@code string}, {@code integer}, {@code date}...), or empty
 * @param length its declared length (such as {@code 13} or {@code 5,5}), or empty
 * @param format its Table Schema format, or empty
 * @param constraints its Table Schema constraints (such as {@code minimum=0}), in file order
 * @param codedBy the code list of its values, if any
 * @param history when it exists
 * @param observation free remarks, or empty
 * @param managementRule how it is computed or filled ({@code regle_gestion}), or empty
 */
public record Variable(VariableRef ref, int position, String description, String type, String length, String format,
                       Map<String, String> constraints, Optional<CodedBy> codedBy, History history, String observation,
                       String managementRule) implements CatalogEntry {

    public Variable {
        Objects.requireNonNull(ref, "ref");
        if (position < 0) {
            throw new InvalidCatalogInputException("position of " + ref + " must be 0 or more, got " + position);
        }
        description = Names.orEmpty(description);
        type = Names.orEmpty(type);
        length = Names.orEmpty(length);
        format = Names.orEmpty(format);
        constraints = constraints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
        codedBy = codedBy == null ? Optional.empty() : codedBy;
        history = history == null ? History.NONE : history;
        observation = Names.orEmpty(observation);
        managementRule = Names.orEmpty(managementRule);
    }

    /** A variable with only a description and a type, the rest empty. */
    public static Variable simple(VariableRef ref, int position, String description, String type,
                                  Optional<CodedBy> codedBy) {
        return new Variable(ref, position, description, type, "", "", Map.of(), codedBy, History.NONE, "", "");
    }

    @Override
    public EntryKind kind() {
        return EntryKind.VARIABLE;
    }

    @Override
    public String key() {
        return ref.key();
    }
}

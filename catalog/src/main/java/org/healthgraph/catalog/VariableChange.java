package org.healthgraph.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change of a variable's metadata, made by an import.
 *
 * @param variable the variable
 * @param field the changed field ({@code description}, {@code type}, {@code codedBy}...)
 * @param oldValue the value before, empty when there was none
 * @param newValue the value after, empty when there is none
 * @param source what the change came from (an import file)
 * @param at when it was committed
 */
public record VariableChange(VariableRef variable, String field, String oldValue, String newValue, String source,
                             Instant at) {

    public VariableChange {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(field, "field");
        oldValue = Names.orEmpty(oldValue);
        newValue = Names.orEmpty(newValue);
        source = Names.orEmpty(source);
        Objects.requireNonNull(at, "at");
    }
}

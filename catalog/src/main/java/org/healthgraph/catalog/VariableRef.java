package org.healthgraph.catalog;

import java.util.Objects;

import org.healthgraph.graph.GraphKeys;

/**
 * A variable of a table, written {@code TABLE.VARIABLE} (for example {@code ER_PHA_F.PHA_PRS_C13});
 * this is the key of its Variable node.
 *
 * @param table the table
 * @param name the variable's name within the table, with the same rule as a table name
 */
public record VariableRef(TableName table, String name) implements Comparable<VariableRef> {

    public VariableRef {
        Objects.requireNonNull(table, "table");
        Names.identifier(name, "variable name");
    }

    public static VariableRef of(String table, String name) {
        return new VariableRef(TableName.of(table), name);
    }

    /** Parses {@code TABLE.VARIABLE}. */
    public static VariableRef parse(String key) {
        GraphKeys.Parts parts;
        try {
            parts = GraphKeys.split(key, '.');
        } catch (IllegalArgumentException e) {
            throw new InvalidCatalogInputException("variable reference '" + key + "' must read TABLE.VARIABLE");
        }
        return of(parts.prefix(), parts.value());
    }

    /** The graph key, {@code TABLE.VARIABLE}. */
    public String key() {
        return GraphKeys.variable(table.value(), name);
    }

    @Override
    public int compareTo(VariableRef other) {
        return key().compareTo(other.key());
    }

    @Override
    public String toString() {
        return key();
    }
}

package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A declared join between two tables (a foreign key): rows of {@code from} refer to rows of
 * {@code to} where every key pair is equal.
 *
 * @param from the referring table
 * @param to the referred table
 * @param keys the key pairs in declaration order, at least one
 */
public record Join(TableName from, TableName to, List<KeyPair> keys) {

    public Join {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new InvalidCatalogInputException("a join from " + from + " to " + to + " needs at least one key pair");
        }
    }

    /** The referring table's key variables, in order. */
    public List<String> fromKeys() {
        return keys.stream().map(KeyPair::left).toList();
    }

    /** The referred table's key variables, in order. */
    public List<String> toKeys() {
        return keys.stream().map(KeyPair::right).toList();
    }

    /** A stable identity: two joins between the same tables on the same keys are the same join. */
    public String id() {
        return from + "(" + String.join(",", fromKeys()) + ")->" + to + "(" + String.join(",", toKeys()) + ")";
    }
}

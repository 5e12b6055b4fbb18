package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One hop of a join path, oriented along the path: from {@code from} to {@code to} on {@code keys}
 * (each pair's left side in {@code from}, right side in {@code to}).
 *
 * @param from the table the hop leaves
 * @param to the table the hop reaches
 * @param keys key pairs oriented along the path
 * @param declaredForward whether the foreign key was declared from {@code from} to {@code to}
 *                        (false: the hop walks a foreign key backwards)
 */
public record JoinHop(TableName from, TableName to, List<KeyPair> keys, boolean declaredForward) {

    public JoinHop {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        keys = List.copyOf(keys);
    }
}

package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A way to join one table to another: its hops in order, each with its keys.
 *
 * @param from first table
 * @param to last table
 * @param hops the hops, at least one
 */
public record JoinPath(TableName from, TableName to, List<JoinHop> hops) {

    public JoinPath {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        hops = List.copyOf(hops);
    }

    /** Number of joins on the path. */
    public int length() {
        return hops.size();
    }

    /** The tables along the path, from first to last. */
    public List<TableName> tables() {
        var out = new java.util.ArrayList<TableName>();
        out.add(from);
        hops.forEach(h -> out.add(h.to()));
        return List.copyOf(out);
    }
}

package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "how do I join these two tables?": the shortest paths (all of the same length), or
 * none, with a sentence saying which.
 *
 * @param from first table
 * @param to last table
 * @param maxHops the longest path looked for
 * @param paths the shortest paths, empty when there is none within {@code maxHops}
 */
public record JoinPathResult(TableName from, TableName to, int maxHops, List<JoinPath> paths) {

    public JoinPathResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        paths = List.copyOf(paths);
    }

    public boolean found() {
        return !paths.isEmpty();
    }

    /** A sentence for people: the length and count of the paths, or that there is none. */
    public String explanation() {
        if (paths.isEmpty()) {
            return "No join path from " + from + " to " + to + " within " + maxHops + " hop" + (maxHops > 1 ? "s" : "")
                    + ": the tables are not linked by declared foreign keys at that distance.";
        }
        int length = paths.getFirst().length();
        return paths.size() + " shortest join path" + (paths.size() > 1 ? "s" : "") + " from " + from + " to " + to
                + " in " + length + " hop" + (length > 1 ? "s" : "") + ".";
    }
}

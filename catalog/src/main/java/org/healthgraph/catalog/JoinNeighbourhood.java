package org.healthgraph.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The tables around one table over declared joins, for drawing the join graph.
 *
 * @param centre the table asked about
 * @param tables the centre and the tables reached, by name
 * @param joins the joins among those tables
 * @param truncated whether the limit cut the tables reached
 */
public record JoinNeighbourhood(TableName centre, List<Table> tables, List<Join> joins, boolean truncated) {

    public JoinNeighbourhood {
        Objects.requireNonNull(centre, "centre");
        tables = List.copyOf(tables);
        joins = List.copyOf(joins);
    }
}

package org.healthgraph.catalog;

/**
 * The name of a table, such as {@code ER_PHA_F} or {@code T_MCOaaD}: 1 to 128 letters, digits,
 * '_' or '-'. Case is kept: SNDS names mix cases ({@code aa} stands for the year).
 *
 * @param value the name
 */
public record TableName(String value) implements Comparable<TableName> {

    public TableName {
        Names.identifier(value, "table name");
    }

    public static TableName of(String value) {
        return new TableName(value);
    }

    @Override
    public int compareTo(TableName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

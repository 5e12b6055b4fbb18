package org.healthgraph.catalog;

/**
 * The name of a code list (a nomenclature), such as {@code IR_PHA_R} or {@code MS_CIM_V}.
 *
 * @param value the name: 1 to 128 letters, digits, '_' or '-'
 */
public record NomenclatureName(String value) implements Comparable<NomenclatureName> {

    public NomenclatureName {
        Names.identifier(value, "code list name");
    }

    public static NomenclatureName of(String value) {
        return new NomenclatureName(value);
    }

    @Override
    public int compareTo(NomenclatureName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

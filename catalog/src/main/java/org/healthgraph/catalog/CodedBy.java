package org.healthgraph.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * The code list that gives a variable's values their meaning, and optionally the column of that list
 * that holds the values (the SNDS writes {@code IR_SEX_V:SEX_COD}).
 *
 * @param nomenclature the code list
 * @param column the list's column the values match, when it is not the list's code column
 */
public record CodedBy(NomenclatureName nomenclature, Optional<String> column) {

    public CodedBy {
        Objects.requireNonNull(nomenclature, "nomenclature");
        column = column == null ? Optional.empty() : column.filter(c -> !c.isBlank());
    }

    /**
     * Parses a Table Schema field's {@code nomenclature}: {@code -} or blank for none, {@code NAME}, or
     * {@code NAME:COLUMN}.
     */
    public static Optional<CodedBy> parse(String reference) {
        if (reference == null || reference.isBlank() || reference.strip().equals("-")) {
            return Optional.empty();
        }
        String ref = reference.strip();
        int colon = ref.indexOf(':');
        if (colon < 0) {
            return Optional.of(new CodedBy(NomenclatureName.of(ref), Optional.empty()));
        }
        return Optional.of(new CodedBy(NomenclatureName.of(ref.substring(0, colon)),
                Optional.of(ref.substring(colon + 1))));
    }

    @Override
    public String toString() {
        return nomenclature.value() + column.map(c -> ":" + c).orElse("");
    }
}

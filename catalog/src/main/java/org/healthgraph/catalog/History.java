package org.healthgraph.catalog;

import java.util.List;

/**
 * When a table or variable appeared, disappeared, or is missing, as the dictionary states it (free
 * text such as {@code 2006} or {@code 01/2013}).
 *
 * @param dateCreated first period with data, or empty
 * @param dateDeleted last period with data, or empty
 * @param dateMissing periods without data
 */
public record History(String dateCreated, String dateDeleted, List<String> dateMissing) {

    public static final History NONE = new History("", "", List.of());

    public History {
        dateCreated = Names.orEmpty(dateCreated);
        dateDeleted = Names.orEmpty(dateDeleted);
        dateMissing = dateMissing == null ? List.of() : List.copyOf(dateMissing);
    }
}

package org.healthgraph.journeys;

import java.util.List;
import java.util.Map;

/**
 * Pathways after the index event: the categories (named event criteria) of the events that follow,
 * as steps. Events starting within {@code combinationDays} of a step's first event join that step
 * (its label is the sorted category names joined by '+'); with {@code collapseRepeats} a step equal
 * to the previous one is dropped; at most {@code depth} steps, over {@code maxDaysAfter} days after
 * the index start (index day excluded).
 */
public record PathwaySpec(Map<String, EventCriterion> categories, int depth, int combinationDays,
                          boolean collapseRepeats, int maxDaysAfter) {

    public PathwaySpec {
        if (categories == null || categories.isEmpty()) {
            throw new InvalidQueryException("pathways need at least one category");
        }
        categories = Map.copyOf(categories);
        depth = depth == 0 ? 5 : depth;
        maxDaysAfter = maxDaysAfter == 0 ? 365 : maxDaysAfter;
        if (depth < 1 || depth > 20 || combinationDays < 0 || maxDaysAfter < 0) {
            throw new InvalidQueryException("pathway depth must be 1 to 20 and combinationDays, maxDaysAfter non-negative");
        }
    }

    /** Category names in a stable order. */
    public List<String> names() {
        return categories.keySet().stream().sorted().toList();
    }
}

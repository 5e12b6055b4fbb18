package org.healthgraph.journeys;

import java.util.Objects;

/** One labelled step of a cohort: its attrition row counts the patients left after it. */
public record InclusionRule(String label, Condition condition) {

    public InclusionRule {
        Objects.requireNonNull(condition, "rule condition");
        label = label == null || label.isBlank() ? "rule" : label;
    }
}

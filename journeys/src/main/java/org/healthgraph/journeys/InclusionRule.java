package org.healthgraph.journeys;

import java.util.Objects;

/** One labelled step of a cohort: its attrition row counts the patients left after it. */
public record InclusionRule(String label, Condition condition) {

    public InclusionRule {
        Objects.requireNonNull(condition, "a rule needs a 'condition'");
        label = label == null || label.isBlank() ? "rule" : label;
    }
}

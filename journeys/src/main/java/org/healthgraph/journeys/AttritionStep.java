package org.healthgraph.journeys;

/** One row of the attrition table: patients left after this step (step 0 is the index event). */
public record AttritionStep(int step, String label, SuppressedCount patients) {
}

package org.healthgraph.journeys;

import java.util.List;
import java.util.Optional;

/** The aggregate answer to a cohort query; every count is already suppressed. */
public record CohortResult(SuppressedCount count, List<AttritionStep> attrition, Optional<Pathways> pathways) {
}

/**
 * Record linkage: a configuration ({@link org.healthgraph.linkage.match.LinkageConfig}, YAML or
 * JSON) names two CSV inputs, the compared fields with their comparison levels, OR-ed blocking
 * rules and a decision policy; {@link org.healthgraph.linkage.match.Linkage} reads, blocks, trains
 * a Fellegi-Sunter model (u from random pairs, m by EM on agreement-pattern counts), scores and
 * decides (threshold, one-to-one assignment or clusters), and explains any pair as a sum of
 * per-field contributions; {@link org.healthgraph.linkage.match.LinkageJob} is the command-line
 * entry point, {@link org.healthgraph.linkage.match.Evaluation} measures against a truth file, and
 * {@link org.healthgraph.linkage.match.GraphLinks} writes LINKED_TO relationships. Scoring and
 * decisions hold no global state, so they run unchanged inside Spark executors.
 */
package org.healthgraph.linkage.match;

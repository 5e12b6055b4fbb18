package org.healthgraph.linkage.match;

import java.util.List;

/**
 * Why a pair scores what it scores: the prior weight plus one contribution per field (a
 * waterfall); the sum is the match weight, whose logistic in base 2 is the match probability.
 *
 * @param leftId left record id
 * @param rightId right record id
 * @param priorWeight the prior, as a weight
 * @param contributions one per field, in configuration order
 * @param weight prior plus contributions
 * @param probability the match probability
 */
public record Explanation(String leftId, String rightId, double priorWeight, List<Contribution> contributions,
                          double weight, double probability) {

    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * One field's step of the waterfall.
     *
     * @param field the field name
     * @param level the comparison level reached ({@code missing} when either value is missing)
     * @param weight its contribution, term-frequency adjustment included
     * @param termFrequencyAdjustment the part of {@code weight} due to how rare the value is
     */
    public record Contribution(String field, String level, double weight, double termFrequencyAdjustment) {
    }
}

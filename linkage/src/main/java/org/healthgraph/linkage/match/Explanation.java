package org.healthgraph.linkage.match;

import java.util.List;
import java.util.Optional;

/**
 * Why a pair scores what it scores: the prior weight plus one contribution per field (a
 * waterfall); the sum is the pair's match weight, whose logistic in base 2 is its match
 * probability. In a linkage of two files a last step turns it into the record-level weight: the
 * left record's other candidates and the chance that it has no counterpart ({@link RecordStep}).
 *
 * @param leftId left record id
 * @param rightId right record id
 * @param priorWeight the prior, as a weight
 * @param contributions one per field, in configuration order
 * @param weight prior plus contributions
 * @param probability the pair's match probability
 * @param recordStep the record-level step, when the linkage has one
 */
public record Explanation(String leftId, String rightId, double priorWeight, List<Contribution> contributions,
                          double weight, double probability, Optional<RecordStep> recordStep) {

    public Explanation {
        contributions = List.copyOf(contributions);
        recordStep = recordStep == null ? Optional.empty() : recordStep;
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

    /**
     * The record-level step: from the pair alone to the pair among the left record's candidates.
     * The record-level odds are {@code c·o / (rivalOdds + 1 − λ)} where {@code o} is the pair's odds
     * and {@code c = (λ/N)/(π/(1−π))} moves them from the pairwise prior π to "one of N right
     * records, with probability λ".
     *
     * @param counterpartShare λ, the estimated share of left records with a counterpart among their candidates
     * @param otherCandidates the left record's other candidate pairs
     * @param rivalOdds the other candidates' combined odds on the record-level scale
     * @param adjustment record-level weight minus the pair's weight (positive when the pair has no close rival)
     * @param weight the record-level weight
     * @param probability the record-level probability
     */
    public record RecordStep(double counterpartShare, long otherCandidates, double rivalOdds, double adjustment,
                             double weight, double probability) {
    }
}

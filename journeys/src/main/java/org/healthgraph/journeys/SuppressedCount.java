package org.healthgraph.journeys;

import java.util.OptionalLong;

/**
 * An aggregate count as released: the value, or nothing when it was between 1 and the threshold
 * minus one (suppressed to protect small groups of patients). Zero is released as zero.
 *
 * @param perturbed whether the value carries the cell-key perturbation of {@link Disclosure#cellKey}
 *                  (a small, repeatable offset that defeats recovering suppressed counts by differences)
 */
public record SuppressedCount(OptionalLong value, boolean suppressed, boolean perturbed) {

    /** The exact count, suppressed from 1 to {@code threshold - 1}. */
    public static SuppressedCount of(long count, int threshold) {
        return count > 0 && count < threshold
                ? new SuppressedCount(OptionalLong.empty(), true, false)
                : new SuppressedCount(OptionalLong.of(count), false, false);
    }

    @Override
    public String toString() {
        return suppressed ? "<suppressed>" : Long.toString(value.orElseThrow()) + (perturbed ? "~" : "");
    }
}

package org.healthgraph.journeys;

import java.util.OptionalLong;

/**
 * An aggregate count as released: the value, or nothing when it was between 1 and the threshold
 * minus one (suppressed to protect small groups of patients). Zero is released as zero.
 */
public record SuppressedCount(OptionalLong value, boolean suppressed) {

    public static SuppressedCount of(long count, int threshold) {
        return count > 0 && count < threshold
                ? new SuppressedCount(OptionalLong.empty(), true)
                : new SuppressedCount(OptionalLong.of(count), false);
    }

    @Override
    public String toString() {
        return suppressed ? "<suppressed>" : Long.toString(value.orElseThrow());
    }
}

package org.healthgraph.journeys.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The state of the graph's journeys: moved by every journeys write, in the same transaction as the
 * data it covers, so that a copy of the journeys made at one stamp (the saved timeline index) can be
 * told apart from the graph's current journeys. The version counts the moves; the token, new at each
 * move, tells apart two graphs whose versions happen to agree (copies of one folder that diverged,
 * a database restored from a backup).
 *
 * @param version number of moves so far (1 after the first write)
 * @param token random, new at each move
 */
public record JourneysStamp(long version, UUID token) {

    public JourneysStamp {
        if (version < 0) {
            throw new IllegalArgumentException("a journeys stamp version is at least 0, got " + version);
        }
        Objects.requireNonNull(token, "token");
    }

    /** The stamp following this one (a new token). */
    public JourneysStamp next() {
        return new JourneysStamp(version + 1, UUID.randomUUID());
    }

    /** The first stamp of a graph. */
    public static JourneysStamp first() {
        return new JourneysStamp(1, UUID.randomUUID());
    }

    @Override
    public String toString() {
        return "v" + version + "/" + token.toString().substring(0, 8);
    }
}
